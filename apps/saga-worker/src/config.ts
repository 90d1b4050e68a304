import { env } from '@pathwise/platform/config';
import { z } from 'zod';

export const sagaWorkerConfigSchema = z.object({
  SAGA_WORKER_HTTP_HOST: z.string().default('127.0.0.1'),
  SAGA_WORKER_HTTP_PORT: env.port(3004),
  TEMPORAL_ADDRESS: env.temporalAddress(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SAGA_TASK_QUEUE: z.string().min(1).default('pathwise-saga'),
  LOG_LEVEL: env.logLevel(),
});

export type SagaWorkerConfig = z.infer<typeof sagaWorkerConfigSchema>;
