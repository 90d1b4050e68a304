import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ReadinessCheck } from '@pathwise/platform/observability';
import Redis from 'ioredis';

export const REDIS = Symbol('REDIS');

/**
 * Commands fail fast while Redis is unreachable (no endless offline queue), so callers can apply
 * their own degradation policy instead of hanging a request. The client connects on `connect()`
 * and from then on reconnects by itself.
 */
export function createRedis(url: string, connectionName: string): Redis {
  return new Redis(url, {
    connectionName,
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Commands issued in the same event-loop tick share one socket write: under concurrent
    // requests (a rate-limit check each) that saves a syscall per command.
    enableAutoPipelining: true,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
}

@Injectable()
export class RedisReadiness implements ReadinessCheck {
  readonly name = 'redis';

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async check(): Promise<void> {
    const answer = await this.redis.ping();
    if (answer !== 'PONG') throw new Error(`unexpected PING answer: ${answer}`);
  }
}

class RedisLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Redis');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /**
   * Connects before the app serves traffic. A Redis outage at boot does not stop the app: it
   * starts degraded (readiness reports redis down) while the client keeps reconnecting.
   */
  async onModuleInit(): Promise<void> {
    this.redis.on('error', (error: Error) => this.logger.warn({ err: error }, 'redis connection error'));
    // A provider may have sent a command first, which makes a lazy client connect on its own.
    if (this.redis.status !== 'wait') return;
    try {
      await this.redis.connect();
    } catch (error) {
      this.logger.error({ err: error }, 'redis unreachable at boot; starting degraded');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Module({})
export class RedisModule {
  static forRoot(options: { url: string; connectionName: string }): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      providers: [{ provide: REDIS, useFactory: () => createRedis(options.url, options.connectionName) }, RedisLifecycle, RedisReadiness],
      exports: [REDIS, RedisReadiness],
    };
  }
}

/** Budget of a Redis call on a request path: well above a healthy round trip, well below a client's patience. */
export const DEFAULT_REDIS_TIMEOUT_MS = 250;

export class RedisTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`redis did not answer within ${timeoutMs} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/**
 * A Redis call with a time budget. The client fails fast while disconnected, but a Redis that
 * accepts the connection and stops answering (overloaded, frozen, partitioned) would hang the
 * caller; past `timeoutMs` this rejects with RedisTimeoutError and the caller applies its policy.
 */
export function withRedisTimeout<T>(command: Promise<T>, timeoutMs = DEFAULT_REDIS_TIMEOUT_MS): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new RedisTimeoutError(timeoutMs)), timeoutMs);
    timer.unref();
    command.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
