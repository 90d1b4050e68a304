import { z } from 'zod';

/** Building blocks for app config schemas; each app composes its own schema from these. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65_535).default(fallback),

  postgresUrl: () =>
    z
      .string()
      .url()
      .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL'),

  redisUrl: () =>
    z
      .string()
      .url()
      .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL'),

  /** Comma-separated host:port list, e.g. `127.0.0.1:19092,127.0.0.1:19094`. */
  kafkaBrokers: () =>
    z
      .string()
      .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port')).min(1)),

  temporalAddress: () => z.string().regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port'),

  /** Who signs access tokens (`iss`): the gateway. Services accept no other issuer. */
  authIssuer: () => z.string().min(1).default('pathwise:gateway'),

  /** Where the gateway publishes its public signing keys. */
  authJwksUrl: () => z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000/.well-known/jwks.json'),

  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
};
