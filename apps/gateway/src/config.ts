import { DEFAULT_SAGA_TASK_QUEUE } from '@pathwise/contracts';
import { env } from '@pathwise/platform/config';
import type { GatewayOptions } from '@pathwise/gateway/feature';
import { z } from 'zod';

const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .default('')
    .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
    .pipe(z.array(item));

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const gatewayConfigSchema = z.object({
  GATEWAY_HTTP_HOST: z.string().default('127.0.0.1'),
  GATEWAY_HTTP_PORT: env.port(3000),
  GATEWAY_DATABASE_URL: env.postgresUrl(),
  REDIS_URL: env.redisUrl(),
  TEMPORAL_ADDRESS: env.temporalAddress(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SAGA_TASK_QUEUE: z.string().min(1).default(DEFAULT_SAGA_TASK_QUEUE),
  LOG_LEVEL: env.logLevel(),
  AUTH_ISSUER: env.authIssuer(),
  // Secret, no default (ADR 0010): comma-separated 32-byte hex Ed25519 seeds, the first signs.
  GATEWAY_SIGNING_KEYS: list(z.string().regex(/^[0-9a-fA-F]{64}$/, 'each key is 64 hex characters (a 32-byte Ed25519 seed)')).pipe(z.array(z.string()).min(1, 'at least one key')),
  GATEWAY_ACCESS_TOKEN_TTL_SECONDS: positive(600),
  GATEWAY_REFRESH_TOKEN_TTL_SECONDS: positive(30 * 24 * 3600),
  GATEWAY_CORS_ORIGINS: list(z.url()),
  // The learner web app's built files (dist/web), served from this origin (ADR 0080); empty: API only.
  GATEWAY_WEB_ROOT: z.string().default(''),
  // Proxies (e.g. the ingress) whose X-Forwarded-For names the client; empty: trust nobody.
  GATEWAY_TRUSTED_PROXIES: list(z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()])),
  GATEWAY_REDIS_KEY_PREFIX: z.string().min(1).default('gateway:'),
  GATEWAY_RATE_LIMIT_PER_MINUTE: positive(600),
  GATEWAY_ANONYMOUS_RATE_LIMIT_PER_MINUTE: positive(120),
  GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: positive(20),
  GATEWAY_LOGIN_FAILURES_PER_ACCOUNT: positive(5),
  GATEWAY_LOGIN_FAILURES_PER_IP: positive(20),
  GATEWAY_LOGIN_FAILURE_WINDOW_SECONDS: positive(900),
  GATEWAY_CATALOG_URL: z.url().default('http://127.0.0.1:3001'),
  GATEWAY_PROGRESS_URL: z.url().default('http://127.0.0.1:3002'),
  GATEWAY_RECOMMENDATION_URL: z.url().default('http://127.0.0.1:3003'),
  GATEWAY_DOWNSTREAM_TIMEOUT_MS: positive(2_000),
  GATEWAY_BREAKER_FAILURE_RATE: z.coerce.number().gt(0).lt(1).default(0.5),
  GATEWAY_BREAKER_MIN_CALLS: positive(20),
  GATEWAY_BREAKER_WINDOW_MS: positive(10_000),
  GATEWAY_BREAKER_HALF_OPEN_AFTER_MS: positive(5_000),
  GATEWAY_DOWNSTREAM_MAX_ATTEMPTS: positive(3),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export function gatewayOptions(config: GatewayConfig): GatewayOptions {
  const perMinute = (quota: number) => ({ quota, windowSeconds: 60 });
  return {
    issuer: config.AUTH_ISSUER,
    signingKeySeeds: config.GATEWAY_SIGNING_KEYS,
    accessTokenTtlSeconds: config.GATEWAY_ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: config.GATEWAY_REFRESH_TOKEN_TTL_SECONDS,
    redisKeyPrefix: config.GATEWAY_REDIS_KEY_PREFIX,
    corsOrigins: config.GATEWAY_CORS_ORIGINS,
    rateLimits: {
      principal: perMinute(config.GATEWAY_RATE_LIMIT_PER_MINUTE),
      anonymous: perMinute(config.GATEWAY_ANONYMOUS_RATE_LIMIT_PER_MINUTE),
      auth: perMinute(config.GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE),
    },
    loginThrottle: {
      perAccount: config.GATEWAY_LOGIN_FAILURES_PER_ACCOUNT,
      perIp: config.GATEWAY_LOGIN_FAILURES_PER_IP,
      windowSeconds: config.GATEWAY_LOGIN_FAILURE_WINDOW_SECONDS,
    },
    workflows: { taskQueue: config.SAGA_TASK_QUEUE },
    downstreams: {
      catalog: { baseUrl: config.GATEWAY_CATALOG_URL, audience: 'pathwise:catalog', timeoutMs: config.GATEWAY_DOWNSTREAM_TIMEOUT_MS },
      progress: { baseUrl: config.GATEWAY_PROGRESS_URL, audience: 'pathwise:progress', timeoutMs: config.GATEWAY_DOWNSTREAM_TIMEOUT_MS },
      recommendation: { baseUrl: config.GATEWAY_RECOMMENDATION_URL, audience: 'pathwise:recommendation', timeoutMs: config.GATEWAY_DOWNSTREAM_TIMEOUT_MS },
    },
    breaker: {
      failureRate: config.GATEWAY_BREAKER_FAILURE_RATE,
      minimumCalls: config.GATEWAY_BREAKER_MIN_CALLS,
      windowMs: config.GATEWAY_BREAKER_WINDOW_MS,
      halfOpenAfterMs: config.GATEWAY_BREAKER_HALF_OPEN_AFTER_MS, maxAttempts: config.GATEWAY_DOWNSTREAM_MAX_ATTEMPTS },
  };
}
