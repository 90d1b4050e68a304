import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureEdge, GATEWAY_API, GATEWAY_BODY_LIMIT, GatewayModule, serveWebApp, webAppRoot } from '@pathwise/gateway/feature';
import { createHttpApp, registerResumeBodyParsers } from '@pathwise/platform/http';
import { AppModule } from './app.module';
import { gatewayOptions, type GatewayConfig } from './config';

/** The gateway exactly as main.ts runs it; tests boot this too. */
export async function createGatewayApp(config: GatewayConfig): Promise<NestFastifyApplication> {
  const options = gatewayOptions(config);
  // Checked before anything connects: a missing build fails the start, not the first page load.
  const webRoot = config.GATEWAY_WEB_ROOT ? webAppRoot(config.GATEWAY_WEB_ROOT) : undefined;
  const app = await createHttpApp(AppModule.register(config, options), { bodyLimit: GATEWAY_BODY_LIMIT, trustedProxies: config.GATEWAY_TRUSTED_PROXIES });
  registerResumeBodyParsers(app.getHttpAdapter().getInstance());
  await configureEdge(app, options, { ...GATEWAY_API, module: GatewayModule.register(options) });
  if (webRoot) await serveWebApp(app, webRoot);
  return app;
}
