import { env } from '@pathwise/platform/config';
import { z } from 'zod';

export const recommendationConfigSchema = z.object({
  RECOMMENDATION_HTTP_HOST: z.string().default('127.0.0.1'),
  RECOMMENDATION_HTTP_PORT: env.port(3003),
  RECOMMENDATION_DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  LOG_LEVEL: env.logLevel(),
});

export type RecommendationConfig = z.infer<typeof recommendationConfigSchema>;
