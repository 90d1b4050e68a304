import { existsSync } from 'node:fs';
import { describeInfrastructure, ensureInfrastructure } from './lib/infrastructure';
import { envFile } from './lib/repo-root';

export default async function globalSetup(): Promise<void> {
  const mode = await ensureInfrastructure();
  (globalThis as { __pathwiseInfrastructure?: string }).__pathwiseInfrastructure = mode;
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  const how = { 'already-running': 'already running, reused', 'local-processes': 'started as local processes', testcontainers: 'started with testcontainers' }[mode];
  process.stdout.write(`\nIntegration infrastructure: real PostgreSQL, Redis, Kafka and Temporal (${how})\n${describeInfrastructure()}\n\n`);
}
