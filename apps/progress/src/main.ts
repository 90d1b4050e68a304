import 'reflect-metadata';
import { parseConfig } from '@pathwise/platform/config';
import { createHttpApp, runMain } from '@pathwise/platform/http';
import { AppModule } from './app.module';
import { progressConfigSchema } from './config';

runMain(async () => {
  const config = parseConfig(progressConfigSchema);
  const app = await createHttpApp(AppModule.register(config));
  await app.listen({ host: config.PROGRESS_HTTP_HOST, port: config.PROGRESS_HTTP_PORT });
});
