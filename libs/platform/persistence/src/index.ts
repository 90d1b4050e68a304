export { PostgresModule, postgresOptions, DatabaseReadiness } from './lib/postgres';
export { RedisModule, RedisReadiness, REDIS, createRedis, withRedisTimeout } from './lib/redis';
export { CacheAside, CacheInvalidationError, cacheKeys, type CacheAsideOptions, type CacheGetOptions } from './lib/cache/cache-aside';
export { runMigrations, type MigrationRun } from './lib/migrations';
