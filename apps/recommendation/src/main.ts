import 'reflect-metadata';
import { parseConfig } from '@pathwise/platform/config';
import { createHttpApp, runMain } from '@pathwise/platform/http';
import { AppModule } from './app.module';
import { recommendationConfigSchema } from './config';

runMain(async () => {
  const config = parseConfig(recommendationConfigSchema);
  const app = await createHttpApp(AppModule.register(config));
  await app.listen({ host: config.RECOMMENDATION_HTTP_HOST, port: config.RECOMMENDATION_HTTP_PORT });
});
