import 'reflect-metadata';
import { parseConfig } from '@pathwise/platform/config';
import { createHttpApp, runMain } from '@pathwise/platform/http';
import { AppModule } from './app.module';
import { gatewayConfigSchema } from './config';

runMain(async () => {
  const config = parseConfig(gatewayConfigSchema);
  const app = await createHttpApp(AppModule.register(config));
  await app.listen({ host: config.GATEWAY_HTTP_HOST, port: config.GATEWAY_HTTP_PORT });
});
