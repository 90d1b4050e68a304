import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { RebuildReadModelsHandler } from '@pathwise/recommendation/feature';
import { AppModule } from './app.module';
import { recommendationConfigSchema } from './config';

// Replays the catalog and progress topics into empty read-model tables (docs/patterns/choreography.md,
// "Rebuilding"). Run with the service scaled to zero: the app's consumers, relay and worker stay off.
runMain(async () => {
  const config = parseConfig(recommendationConfigSchema);
  const context = await NestFactory.createApplicationContext(AppModule.register({ ...config, RECOMMENDATION_RECOMPUTE_ENABLED: false }), { bufferLogs: true });
  try {
    const started = performance.now();
    const result = await context.get(RebuildReadModelsHandler).execute();
    process.stdout.write(`${JSON.stringify({ rebuilt: 'recommendation-read-model', ...result, ms: Math.round(performance.now() - started) })}\n`);
  } finally {
    await context.close();
  }
});
