import 'reflect-metadata';
import { parseConfig } from '@pathwise/platform/config';
import { createHttpApp, runMain } from '@pathwise/platform/http';
import { AppModule } from './app.module';
import { sagaWorkerConfigSchema } from './config';

runMain(async () => {
  const config = parseConfig(sagaWorkerConfigSchema);
  const app = await createHttpApp(AppModule.register(config));
  await app.listen({ host: config.SAGA_WORKER_HTTP_HOST, port: config.SAGA_WORKER_HTTP_PORT });
});
