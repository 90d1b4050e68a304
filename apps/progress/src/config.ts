import { env } from '@pathwise/platform/config';
import { z } from 'zod';

export const progressConfigSchema = z.object({
  PROGRESS_HTTP_HOST: z.string().default('127.0.0.1'),
  PROGRESS_HTTP_PORT: env.port(3002),
  PROGRESS_DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  LOG_LEVEL: env.logLevel(),
});

export type ProgressConfig = z.infer<typeof progressConfigSchema>;
