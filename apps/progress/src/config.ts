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
  LOG_LEVEL: env.logLevel(),
});

export type ProgressConfig = z.infer<typeof progressConfigSchema>;
