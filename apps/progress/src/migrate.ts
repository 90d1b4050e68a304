import 'reflect-metadata';
import { env, parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { runMigrations } from '@pathwise/platform/persistence';
import { PROGRESS_MIGRATIONS } from '@pathwise/progress/feature';
import { z } from 'zod';

// Run before the app starts (npm start) and as a Kubernetes Job before a rollout.
runMain(async () => {
  const config = parseConfig(z.object({ PROGRESS_DATABASE_URL: env.postgresUrl() }));
  const { applied } = await runMigrations({ url: config.PROGRESS_DATABASE_URL, service: 'progress', migrations: PROGRESS_MIGRATIONS });
  process.stdout.write(`${JSON.stringify({ service: 'progress', migrations: applied.length === 0 ? 'up to date' : applied })}\n`);
});
