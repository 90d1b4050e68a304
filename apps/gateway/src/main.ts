import 'reflect-metadata';
import { parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { gatewayConfigSchema } from './config';
import { createGatewayApp } from './gateway-app';

runMain(async () => {
  const config = parseConfig(gatewayConfigSchema);
  const app = await createGatewayApp(config);
  await app.listen({ host: config.GATEWAY_HTTP_HOST, port: config.GATEWAY_HTTP_PORT });
});
