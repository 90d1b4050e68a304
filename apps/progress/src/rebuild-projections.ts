import 'reflect-metadata';
import { env, parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { RebuildProjectionsHandler } from '@pathwise/progress/feature';
import { DataSource } from 'typeorm';
import { z } from 'zod';

// Rebuilds every progress read model from the event store; safe while the service runs (see
// docs/patterns/event-sourcing-cqrs.md, "Rebuilding").
runMain(async () => {
  const config = parseConfig(z.object({ PROGRESS_DATABASE_URL: env.postgresUrl() }));
  const dataSource = new DataSource({ type: 'postgres', url: config.PROGRESS_DATABASE_URL, applicationName: 'progress-rebuild-projections', extra: { max: 1 } });
  await dataSource.initialize();
  try {
    const started = performance.now();
    const result = await new RebuildProjectionsHandler(dataSource).execute();
    process.stdout.write(`${JSON.stringify({ rebuilt: 'progress-read-models', ...result, ms: Math.round(performance.now() - started) })}\n`);
  } finally {
    await dataSource.destroy();
  }
});
