import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import type { Registry } from 'prom-client';
import { DEFAULT_REDIS_TIMEOUT_MS, withRedisTimeout } from '../redis';
import { CacheMetrics, type CacheResult } from './cache-metrics';

export interface CacheAsideOptions {
  /** Metric label and, unless `namespace` is given, the key prefix. */
  name: string;
  /** Key prefix; put a format version in it (`roadmap:v2`) when the cached shape changes. */
  namespace?: string;
  defaultTtlSeconds: number;
  /** Fraction of the TTL added or removed at random, so keys filled together expire apart. */
  ttlJitter?: number;
  /** Upper bound for each Redis call; past it the read is served from `load()`. */
  redisTimeoutMs?: number;
  /** At most one degradation warning per interval; the metric counts every occurrence. */
  degradedLogIntervalMs?: number;
  /**
   * Keep up to this many values in process memory too. Each read still asks Redis for the key's
   * generation (a few bytes) and uses the local copy only when it is current, so an
   * invalidation from any replica takes effect at once; what is saved is moving and parsing
   * the value itself, which pays for large values.
   */
  localEntries?: number;
  registry?: Registry;
}

export interface CacheGetOptions {
  ttlSeconds?: number;
}

/** Thrown when the cache could not be invalidated; the caller must retry or the old value lives until its TTL. */
export class CacheInvalidationError extends Error {
  readonly code = 'PLATFORM.CACHE_INVALIDATION_FAILED';

  constructor(cache: string, keys: readonly string[], cause: unknown) {
    super(`cache ${cache}: could not invalidate ${keys.join(', ')}`, { cause });
    this.name = 'CacheInvalidationError';
  }
}

interface Entry<T> {
  /** Generation the value was loaded under. */
  g: number;
  v: T;
}

interface LocalEntry<T> extends Entry<T> {
  /** Epoch ms after which the local copy is dropped, matching the Redis entry's TTL. */
  expiresAt: number;
}

interface Flight<T> {
  promise: Promise<T>;
  result: CacheResult;
}

// Generation keys outlive any load by far; after one expires the generation reads as 0 again, which
// entries tagged with the old number do not match, so expiry costs one miss and never serves stale.
const GENERATION_TTL_MS = 24 * 60 * 60 * 1000;

// KEYS: value, generation. ARGV: generation at read time, payload, ttl ms. Atomic compare-and-set.
const WRITE_IF_CURRENT = `
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1`;

// KEYS: value, generation. ARGV: generation ttl ms.
const INVALIDATE = `
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('DEL', KEYS[1])
return 1`;

/** The scripts as ioredis commands: sent by their SHA (EVALSHA), and in full only when Redis lacks them. */
type WithCacheScripts = Redis & {
  cacheWriteIfCurrent(value: string, generation: string, expectedGeneration: string, payload: string, ttlMs: string): Promise<number>;
  cacheInvalidate(value: string, generation: string, generationTtlMs: string): Promise<number>;
};

// Several caches usually share one client; the commands are defined on it once.
const clientsWithScripts = new WeakSet<Redis>();

function withCacheScripts(redis: Redis): WithCacheScripts {
  if (!clientsWithScripts.has(redis)) {
    redis.defineCommand('cacheWriteIfCurrent', { numberOfKeys: 2, lua: WRITE_IF_CURRENT });
    redis.defineCommand('cacheInvalidate', { numberOfKeys: 2, lua: INVALIDATE });
    clientsWithScripts.add(redis);
  }
  return redis as WithCacheScripts;
}

/**
 * The value and generation keys of one cache key share a hash tag (same Redis Cluster slot, so
 * the scripts may touch both); the distinct suffixes keep any two keys from colliding.
 */
export function cacheKeys(namespace: string, key: string): { value: string; generation: string } {
  const base = `${namespace}:{${key}}`;
  return { value: `${base}:value`, generation: `${base}:gen` };
}

/** TTL in ms, uniformly within ±`jitter` of `ttlSeconds`, never below 1 ms. */
export function jitteredTtlMs(ttlSeconds: number, jitter: number, random: () => number = Math.random): number {
  const base = ttlSeconds * 1000;
  return Math.max(1, Math.round(base * (1 + (random() * 2 - 1) * jitter)));
}

/**
 * Cache-aside over Redis for reads that may be served slightly old but must not stay old after
 * the writer invalidates them (published roadmaps).
 *
 * The race it closes: a reader misses, starts a slow load and reads the old version from the
 * database; the writer commits a new version and invalidates; the reader then writes the old
 * value back and it would be served until the TTL. Each key therefore has a generation that
 * `invalidate` increments; a reader stores its value only if the generation is still the one
 * it saw before loading (checked atomically in Redis), and a hit counts only when the entry's
 * generation is current.
 *
 * An optional in-process layer (`localEntries`) keeps recently used values in memory but still
 * checks the generation in Redis on every read, so it never serves a value another replica has
 * invalidated; it saves transferring and parsing large values, not the round trip.
 */
export class CacheAside {
  private readonly logger: Logger;
  private readonly metrics: CacheMetrics;
  private readonly namespace: string;
  private readonly ttlJitter: number;
  private readonly redisTimeoutMs: number;
  private readonly degradedLogIntervalMs: number;
  private readonly localCapacity: number;
  private readonly redis: WithCacheScripts;
  private readonly inFlight = new Map<string, Flight<unknown>>();
  // Insertion-ordered: re-inserting on use keeps the least recently used entry first, for eviction.
  private readonly local = new Map<string, LocalEntry<unknown>>();
  private lastDegradedLogAt = Number.NEGATIVE_INFINITY;
  private suppressedDegradedLogs = 0;

  constructor(
    redis: Redis,
    private readonly options: CacheAsideOptions,
  ) {
    this.namespace = options.namespace ?? options.name;
    this.ttlJitter = options.ttlJitter ?? 0.1;
    this.redisTimeoutMs = options.redisTimeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
    this.degradedLogIntervalMs = options.degradedLogIntervalMs ?? 30_000;
    this.localCapacity = options.localEntries ?? 0;
    if (!(options.defaultTtlSeconds > 0)) throw new Error(`cache ${options.name}: defaultTtlSeconds must be positive`);
    if (!(this.ttlJitter >= 0 && this.ttlJitter < 1)) throw new Error(`cache ${options.name}: ttlJitter must be in [0, 1)`);
    this.redis = withCacheScripts(redis);
    this.metrics = CacheMetrics.for(options.registry);
    this.logger = new Logger(`Cache:${options.name}`);
  }

  /**
   * The cached value, or the result of `load()` (stored for next time). Concurrent calls for the
   * same key in this process share one load (and its error, which is never cached); they use
   * the TTL of the call that started it. Values must survive JSON (no Dates, Maps, undefined).
   */
  async get<T>(key: string, load: () => Promise<T>, options: CacheGetOptions = {}): Promise<T> {
    let flight = this.inFlight.get(key) as Flight<T> | undefined;
    if (!flight) flight = this.startFlight(key, load, options.ttlSeconds ?? this.options.defaultTtlSeconds);
    try {
      return await flight.promise;
    } finally {
      this.metrics.requests.inc({ cache: this.options.name, result: flight.result });
    }
  }

  /**
   * Call after the writer's transaction commits (e.g. from its event consumer). Throws
   * `CacheInvalidationError` when Redis is unavailable: an invalidation that is lost silently
   * leaves the old version served until the TTL, so the caller's retry (inbox/outbox) must run.
   */
  async invalidate(keys: string | readonly string[]): Promise<void> {
    const list = typeof keys === 'string' ? [keys] : [...new Set(keys)];
    // Later gets must not join a load that started before the new version existed.
    for (const key of list) {
      this.inFlight.delete(key);
      this.local.delete(key);
    }
    try {
      await Promise.all(
        list.map((key) => {
          const { value, generation } = cacheKeys(this.namespace, key);
          return this.bounded(this.redis.cacheInvalidate(value, generation, String(GENERATION_TTL_MS)));
        }),
      );
    } catch (error) {
      throw new CacheInvalidationError(this.options.name, list, error);
    }
  }

  private startFlight<T>(key: string, load: () => Promise<T>, ttlSeconds: number): Flight<T> {
    const flight: Flight<T> = { result: 'miss', promise: Promise.resolve(undefined as T) };
    flight.promise = this.readThrough(key, load, ttlSeconds, flight).finally(() => {
      if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
    });
    this.inFlight.set(key, flight as Flight<unknown>);
    return flight;
  }

  private async readThrough<T>(key: string, load: () => Promise<T>, ttlSeconds: number, flight: Flight<T>): Promise<T> {
    const keys = cacheKeys(this.namespace, key);
    const local = this.localEntry<T>(key);
    let raw: string | null = null;
    let generation: number;
    try {
      if (local) {
        generation = Number((await this.bounded(this.redis.get(keys.generation))) ?? 0);
        if (local.g === generation) {
          flight.result = 'hit';
          this.remember(key, local);
          return local.v;
        }
        // The generation just read is enough to judge the Redis value: an invalidation in between
        // deletes the value in the same step as it bumps the generation, and a value tagged with
        // this generation is only written while it is still current, so a value found tagged
        // with it is current; one tagged otherwise is a miss, as it would be after a fresh read.
        raw = await this.bounded(this.redis.get(keys.value));
      } else {
        const [storedValue, storedGeneration] = await this.bounded(this.redis.mget(keys.value, keys.generation));
        raw = storedValue;
        generation = Number(storedGeneration ?? 0);
      }
    } catch (error) {
      // Deliberate degradation: the database serves the read; logged and metered below. A local
      // copy is not trusted here: without Redis there is no way to know it is still current.
      flight.result = 'degraded';
      this.reportDegraded('read', error);
      return load();
    }

    if (raw !== null) {
      const entry = JSON.parse(raw) as Entry<T>;
      if (entry.g === generation) {
        flight.result = 'hit';
        this.remember(key, { ...entry, expiresAt: Date.now() + ttlSeconds * 1000 });
        return entry.v;
      }
    }

    flight.result = 'miss';
    this.metrics.loads.inc({ cache: this.options.name });
    const value = await load();
    const payload = JSON.stringify({ g: generation, v: value } satisfies Entry<T>);
    const ttlMs = jitteredTtlMs(ttlSeconds, this.ttlJitter);
    try {
      const stored = await this.bounded(this.redis.cacheWriteIfCurrent(keys.value, keys.generation, String(generation), payload, String(ttlMs)));
      if (stored === 1) this.remember(key, { g: generation, v: value, expiresAt: Date.now() + ttlMs });
    } catch (error) {
      // The caller has its value; only the next read pays for the lost write.
      this.reportDegraded('write', error);
    }
    return value;
  }

  private localEntry<T>(key: string): LocalEntry<T> | undefined {
    const entry = this.local.get(key) as LocalEntry<T> | undefined;
    if (entry && entry.expiresAt <= Date.now()) {
      this.local.delete(key);
      return undefined;
    }
    return entry;
  }

  private remember<T>(key: string, entry: LocalEntry<T>): void {
    if (this.localCapacity <= 0) return;
    this.local.delete(key);
    this.local.set(key, entry);
    if (this.local.size > this.localCapacity) this.local.delete(this.local.keys().next().value as string);
  }

  private bounded<T>(command: Promise<T>): Promise<T> {
    return withRedisTimeout(command, this.redisTimeoutMs);
  }

  private reportDegraded(operation: 'read' | 'write', error: unknown): void {
    this.metrics.degraded.inc({ cache: this.options.name, operation });
    const now = Date.now();
    if (now - this.lastDegradedLogAt < this.degradedLogIntervalMs) {
      this.suppressedDegradedLogs += 1;
      return;
    }
    this.logger.warn({ err: error, cache: this.options.name, operation, suppressed: this.suppressedDegradedLogs }, 'redis unavailable; serving from the source');
    this.lastDegradedLogAt = now;
    this.suppressedDegradedLogs = 0;
  }
}
