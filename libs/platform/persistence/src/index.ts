export { PostgresModule, postgresOptions, DatabaseReadiness } from './lib/postgres';
export { RedisModule, RedisReadiness, REDIS, createRedis, DEFAULT_REDIS_TIMEOUT_MS, RedisTimeoutError, withRedisTimeout } from './lib/redis';
export { CacheAside, CacheInvalidationError, cacheKeys, jitteredTtlMs, type CacheAsideOptions, type CacheGetOptions } from './lib/cache/cache-aside';
export { type CacheResult } from './lib/cache/cache-metrics';
export { runMigrations, type MigrationRun } from './lib/migrations';
