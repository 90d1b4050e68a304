import 'reflect-metadata';
import { GATEWAY_MIGRATIONS } from '@pathwise/gateway/feature';
import { parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { runMigrations } from '@pathwise/platform/persistence';
import { gatewayConfigSchema } from './config';

// Only the database URL is needed to migrate (a Kubernetes Job has no signing keys).
runMain(async () => {
  const config = parseConfig(gatewayConfigSchema.pick({ GATEWAY_DATABASE_URL: true }));
  const { applied } = await runMigrations({ url: config.GATEWAY_DATABASE_URL, service: 'gateway', migrations: GATEWAY_MIGRATIONS });
  process.stdout.write(`gateway migrations applied: ${applied.length === 0 ? 'none (schema current)' : applied.join(', ')}\n`);
});
