import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { completeApiDocument } from '@pathwise/platform/auth';
import { createHttpApp, registerResumeBodyParsers } from '@pathwise/platform/http';
import { connectInboxConsumer } from '@pathwise/platform/messaging';
import { CATALOG_CONTRACTS, CATALOG_PROJECTOR_GROUP, PROGRESS_CONTRACTS, PROGRESS_PROJECTOR_GROUP } from '@pathwise/recommendation/feature';
import { AppModule, type RecommendationAppOverrides } from './app.module';
import type { RecommendationConfig } from './config';
import { RECOMMENDATION_OPENAPI } from './openapi';

/**
 * The whole service, as main.ts runs it and the e2e tests boot it: HTTP API, `/openapi.json`, and
 * two inbox consumer groups (catalog events, progress events). The outbox relay and the
 * recompute worker start with the app (OnApplicationBootstrap).
 */
export async function createRecommendationApp(config: RecommendationConfig, overrides: RecommendationAppOverrides = {}): Promise<NestFastifyApplication> {
  const app = await createHttpApp(AppModule.register(config, overrides));
  registerResumeBodyParsers(app.getHttpAdapter().getInstance());
  const document = completeApiDocument(app, RECOMMENDATION_OPENAPI);
  app.getHttpAdapter().getInstance().get('/openapi.json', async () => document);
  connectInboxConsumer(app, { group: CATALOG_PROJECTOR_GROUP, contracts: CATALOG_CONTRACTS });
  connectInboxConsumer(app, { group: PROGRESS_PROJECTOR_GROUP, contracts: PROGRESS_CONTRACTS });
  await app.startAllMicroservices();
  return app;
}
