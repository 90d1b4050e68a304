export { PostgresModule, postgresOptions, DatabaseReadiness } from './lib/postgres';
export { RedisModule, RedisReadiness, REDIS, createRedis } from './lib/redis';
