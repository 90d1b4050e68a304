import { env } from '@pathwise/platform/config';
import { z } from 'zod';

export const recommendationConfigSchema = z.object({
  RECOMMENDATION_HTTP_HOST: z.string().default('127.0.0.1'),
  RECOMMENDATION_HTTP_PORT: env.port(3003),
  RECOMMENDATION_DATABASE_URL: env.postgresUrl(),
  RECOMMENDATION_RECOMPUTE_ENABLED: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
  RECOMMENDATION_RECOMPUTE_BATCH: z.coerce.number().int().min(1).max(1_000).default(50),
  KAFKA_BROKERS: env.kafkaBrokers(),
  AUTH_ISSUER: env.authIssuer(),
  AUTH_JWKS_URL: env.authJwksUrl(),
  // The saga-worker's own tokens (ADR 0050): trusted for role `service` only.
  AUTH_SERVICE_ISSUER: z.string().min(1).default('pathwise:saga-worker'),
  AUTH_SERVICE_JWKS_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3004/.well-known/jwks.json'),
  LOG_LEVEL: env.logLevel(),
});

export type RecommendationConfig = z.infer<typeof recommendationConfigSchema>;
