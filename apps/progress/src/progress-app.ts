import { completeApiDocument } from '@pathwise/platform/auth';
import { createHttpApp } from '@pathwise/platform/http';
import { connectInboxConsumer } from '@pathwise/platform/messaging';
import { CATALOG_PROJECTOR_GROUP, PROGRESS_CONSUMED_CONTRACTS } from '@pathwise/progress/feature';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule, type ProgressAppOverrides } from './app.module';
import type { ProgressConfig } from './config';
import { PROGRESS_OPENAPI } from './openapi';

/**
 * The whole service, as main.ts runs it and the e2e tests boot it: HTTP API, `/openapi.json`,
 * and the inbox consumer of catalog events (group `progress.catalog-projector`) started.
 * The outbox relay and the read-model projector start with the app (OnApplicationBootstrap).
 */
export async function createProgressApp(config: ProgressConfig, overrides: ProgressAppOverrides = {}): Promise<NestFastifyApplication> {
  const app = await createHttpApp(AppModule.register(config, overrides));
  const document = completeApiDocument(app, PROGRESS_OPENAPI);
  app.getHttpAdapter().getInstance().get('/openapi.json', async () => document);
  connectInboxConsumer(app, { group: CATALOG_PROJECTOR_GROUP, contracts: PROGRESS_CONSUMED_CONTRACTS });
  await app.startAllMicroservices();
  return app;
}
