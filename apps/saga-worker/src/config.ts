import { DEFAULT_SAGA_TASK_QUEUE } from '@pathwise/contracts';
import { env } from '@pathwise/platform/config';
import { z } from 'zod';

export const sagaWorkerConfigSchema = z.object({
  SAGA_WORKER_HTTP_HOST: z.string().default('127.0.0.1'),
  SAGA_WORKER_HTTP_PORT: env.port(3004),
  TEMPORAL_ADDRESS: env.temporalAddress(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SAGA_TASK_QUEUE: z.string().min(1).default(DEFAULT_SAGA_TASK_QUEUE),
  LOG_LEVEL: env.logLevel(),
  // Secret, no default (ADR 0050): comma-separated 32-byte hex Ed25519 seeds as for the gateway;
  // the first signs the worker's service tokens, all are published at /.well-known/jwks.json.
  SAGA_SIGNING_KEY: z
    .string()
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[0-9a-fA-F]{64}$/, 'each key is 64 hex characters (a 32-byte Ed25519 seed)')).min(1, 'at least one key')),
  /** `iss` of the worker's tokens; services trust it for role `service` only. */
  AUTH_SERVICE_ISSUER: z.string().min(1).default('pathwise:saga-worker'),
  SAGA_RECOMMENDATION_URL: z.url().default('http://127.0.0.1:3003'),
  // Below the workflow's 1-minute startToCloseTimeout, so a slow call ends as a retry, not a lost attempt.
  SAGA_RECOMMENDATION_TIMEOUT_MS: z.coerce.number().int().positive().max(50_000).default(20_000),
  // The progress service the onboarding activities call; its timeout bounds every onboarding call,
  // below the workflow's 1-minute startToCloseTimeout.
  SAGA_PROGRESS_URL: z.url().default('http://127.0.0.1:3002'),
  SAGA_PROGRESS_TIMEOUT_MS: z.coerce.number().int().positive().max(50_000).default(20_000),
});

export type SagaWorkerConfig = z.infer<typeof sagaWorkerConfigSchema>;
