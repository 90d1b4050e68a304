import { env } from '@pathwise/platform/config';
import { z } from 'zod';

export const gatewayConfigSchema = z.object({
  GATEWAY_HTTP_HOST: z.string().default('127.0.0.1'),
  GATEWAY_HTTP_PORT: env.port(3000),
  GATEWAY_DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl(),
  TEMPORAL_ADDRESS: env.temporalAddress(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  LOG_LEVEL: env.logLevel(),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
