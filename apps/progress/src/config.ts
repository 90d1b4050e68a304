import { env } from '@pathwise/platform/config';
import { z } from 'zod';

export const progressConfigSchema = z.object({
  PROGRESS_HTTP_HOST: z.string().default('127.0.0.1'),
  PROGRESS_HTTP_PORT: env.port(3002),
  PROGRESS_DATABASE_URL: env.postgresUrl(),
  PROGRESS_SNAPSHOT_EVERY: z.coerce.number().int().min(2).max(10_000).default(50),
  PROGRESS_PROJECTOR_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  KAFKA_BROKERS: env.kafkaBrokers(),
  AUTH_ISSUER: env.authIssuer(),
  AUTH_JWKS_URL: env.authJwksUrl(),
  // The saga-worker's own tokens (ADR 0050): trusted for role `service` only.
  AUTH_SERVICE_ISSUER: z.string().min(1).default('pathwise:saga-worker'),
  AUTH_SERVICE_JWKS_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3004/.well-known/jwks.json'),
  LOG_LEVEL: env.logLevel(),
});

export type ProgressConfig = z.infer<typeof progressConfigSchema>;
