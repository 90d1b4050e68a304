import { env } from '@pathwise/platform/config';
import { z } from 'zod';

export const catalogConfigSchema = z.object({
  CATALOG_HTTP_HOST: z.string().default('127.0.0.1'),
  CATALOG_HTTP_PORT: env.port(3001),
  CATALOG_DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  LOG_LEVEL: env.logLevel(),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema>;
