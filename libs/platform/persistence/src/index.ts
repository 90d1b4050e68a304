export { PostgresModule, postgresOptions, DatabaseReadiness } from './lib/postgres';
export { RedisModule, RedisReadiness, REDIS, createRedis } from './lib/redis';
export { CacheAside, CacheInvalidationError, RedisTimeoutError, cacheKeys, jitteredTtlMs, type CacheAsideOptions, type CacheGetOptions } from './lib/cache/cache-aside';
export { type CacheResult } from './lib/cache/cache-metrics';
export { runMigrations, type MigrationRun } from './lib/migrations';
