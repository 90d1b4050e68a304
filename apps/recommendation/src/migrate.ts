import 'reflect-metadata';
import { env, parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { runMigrations } from '@pathwise/platform/persistence';
import { RECOMMENDATION_MIGRATIONS } from '@pathwise/recommendation/feature';
import { z } from 'zod';

// Run before the app starts (npm start) and as a Kubernetes Job before a rollout.
runMain(async () => {
  const config = parseConfig(z.object({ RECOMMENDATION_DATABASE_URL: env.postgresUrl() }));
  const { applied } = await runMigrations({ url: config.RECOMMENDATION_DATABASE_URL, service: 'recommendation', migrations: RECOMMENDATION_MIGRATIONS });
  process.stdout.write(`${JSON.stringify({ service: 'recommendation', migrations: applied.length === 0 ? 'up to date' : applied })}\n`);
});
