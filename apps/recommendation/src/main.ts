import 'reflect-metadata';
import { parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { recommendationConfigSchema } from './config';
import { createRecommendationApp } from './recommendation-app';

runMain(async () => {
  const config = parseConfig(recommendationConfigSchema);
  const app = await createRecommendationApp(config);
  await app.listen({ host: config.RECOMMENDATION_HTTP_HOST, port: config.RECOMMENDATION_HTTP_PORT });
});
