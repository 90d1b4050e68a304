import 'reflect-metadata';
import { parseConfig } from '@pathwise/platform/config';
import { createHttpApp, runMain } from '@pathwise/platform/http';
import { AppModule } from './app.module';
import { catalogConfigSchema } from './config';

runMain(async () => {
  const config = parseConfig(catalogConfigSchema);
  const app = await createHttpApp(AppModule.register(config));
  AppModule.connect(app);
  await app.startAllMicroservices();
  await app.listen({ host: config.CATALOG_HTTP_HOST, port: config.CATALOG_HTTP_PORT });
});
