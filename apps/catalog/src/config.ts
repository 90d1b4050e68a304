import { env } from '@pathwise/platform/config';
import { z } from 'zod';

export const catalogConfigSchema = z.object({
  CATALOG_HTTP_HOST: z.string().default('127.0.0.1'),
  CATALOG_HTTP_PORT: env.port(3001),
  CATALOG_DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  AUTH_ISSUER: env.authIssuer(),
  AUTH_JWKS_URL: env.authJwksUrl(),
  LOG_LEVEL: env.logLevel(),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;

/** What the migration and seed commands need: the database only. */
export const catalogDatabaseSchema = catalogConfigSchema.pick({ CATALOG_DATABASE_URL: true });
