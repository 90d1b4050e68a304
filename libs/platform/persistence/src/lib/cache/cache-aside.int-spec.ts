import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { UNREACHABLE } from '@pathwise/platform/testing';
import type Redis from 'ioredis';
import { Registry } from 'prom-client';
import { createRedis } from '../redis';
import { CacheAside, CacheInvalidationError, cacheKeys, type CacheAsideOptions } from './cache-aside';

const REDIS_URL = process.env['REDIS_URL'] as string;

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function counterValue(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = await registry.getSingleMetric(name)?.get();
  const sample = metric?.values.find((value) => Object.entries(labels).every(([label, expected]) => value.labels[label] === expected));
  return sample?.value ?? 0;
}

/** A TCP hop in front of Redis that can stop forwarding, so Redis "hangs" without freezing the shared server. */
async function startFreezableProxy(targetUrl: string): Promise<{ url: string; freeze(): void; close(): Promise<void> }> {
  const target = new URL(targetUrl);
  const sockets: Socket[] = [];
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.push(client, upstream);
    client.on('data', (chunk) => {
      if (!frozen) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!frozen) client.write(chunk);
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
  return {
    url: `redis://127.0.0.1:${address.port}`,
    freeze: () => {
      frozen = true;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('CacheAside against Redis', () => {
  const clients: Redis[] = [];
  let registry: Registry;

  async function connectedRedis(url = REDIS_URL): Promise<Redis> {
    const redis = createRedis(url, 'cache-aside-test');
    clients.push(redis);
    await redis.connect();
    return redis;
  }

  function cacheOn(redis: Redis, overrides: Partial<CacheAsideOptions> = {}): CacheAside {
    return new CacheAside(redis, { name: 'roadmap', namespace: `test:${randomUUID()}`, defaultTtlSeconds: 60, registry, ...overrides });
  }

  beforeEach(() => {
    registry = new Registry();
  });

  /** Waits for each socket to close, so no ioredis timer outlives the test. */
  async function disconnectAll(): Promise<void> {
    const closing = clients.splice(0).map(async (redis) => {
      if (redis.status !== 'ready') return redis.disconnect(); // never connected: no socket to wait for
      const ended = new Promise((resolve) => redis.once('end', resolve));
      redis.disconnect();
      await ended;
    });
    await Promise.all(closing);
  }

  afterEach(async () => {
    jest.restoreAllMocks();
    await disconnectAll();
  });

  it('when a key is read twice, then the source is loaded once and the second read is a hit', async () => {
    const cache = cacheOn(await connectedRedis());
    const load = jest.fn(async () => ({ id: 'frontend', version: 1 }));

    expect(await cache.get('frontend', load)).toEqual({ id: 'frontend', version: 1 });
    expect(await cache.get('frontend', load)).toEqual({ id: 'frontend', version: 1 });

    expect(load).toHaveBeenCalledTimes(1);
    expect(await counterValue(registry, 'cache_requests_total', { cache: 'roadmap', result: 'miss' })).toBe(1);
    expect(await counterValue(registry, 'cache_requests_total', { cache: 'roadmap', result: 'hit' })).toBe(1);
  });

  it('when another replica reads a key this one filled, then it is a hit there too', async () => {
    const namespace = `test:${randomUUID()}`;
    const filler = cacheOn(await connectedRedis(), { namespace });
    const reader = cacheOn(await connectedRedis(), { namespace });
    await filler.get('frontend', async () => 'v1');

    const load = jest.fn(async () => 'from the database');
    expect(await reader.get('frontend', load)).toBe('v1');
    expect(load).not.toHaveBeenCalled();
  });

  describe('with an in-process layer', () => {
    it('when a value is cached locally, then later reads use the local copy and only check the generation in Redis', async () => {
      const namespace = `test:${randomUUID()}`;
      const redis = await connectedRedis();
      const cache = cacheOn(redis, { namespace, localEntries: 10 });
      await cache.get('frontend', async () => 'v1');
      // Remove the Redis value behind the cache's back: only a local copy can still answer.
      await redis.del(cacheKeys(namespace, 'frontend').value);

      const load = jest.fn(async () => 'from the database');
      expect(await cache.get('frontend', load)).toBe('v1');
      expect(load).not.toHaveBeenCalled();
    });

    it('when another replica invalidates, then the local copy is not served', async () => {
      const namespace = `test:${randomUUID()}`;
      const reader = cacheOn(await connectedRedis(), { namespace, localEntries: 10 });
      const writer = cacheOn(await connectedRedis(), { namespace, localEntries: 10 });
      await reader.get('frontend', async () => 'v1');

      await writer.invalidate('frontend');

      expect(await reader.get('frontend', async () => 'v2')).toBe('v2');
    });

    it('when more keys are read than the layer holds, then the least recently used one is evicted', async () => {
      const namespace = `test:${randomUUID()}`;
      const redis = await connectedRedis();
      const cache = cacheOn(redis, { namespace, localEntries: 2 });
      for (const key of ['a', 'b']) await cache.get(key, async () => `${key}1`);
      await cache.get('a', async () => 'unused'); // `a` is now the most recently used
      await cache.get('c', async () => 'c1');
      await redis.del(cacheKeys(namespace, 'a').value, cacheKeys(namespace, 'b').value);

      expect(await cache.get('a', async () => 'a2')).toBe('a1');
      expect(await cache.get('b', async () => 'b2')).toBe('b2');
    });

    it('when Redis is unreachable, then the local copy is not trusted and the source answers', async () => {
      const redis = await connectedRedis();
      const cache = cacheOn(redis, { localEntries: 10, redisTimeoutMs: 100 });
      await cache.get('frontend', async () => 'v1');
      redis.disconnect();

      expect(await cache.get('frontend', async () => 'from the database')).toBe('from the database');
    });
  });

  it('when 50 reads of a missing key run at once, then one load serves them all', async () => {
    const cache = cacheOn(await connectedRedis());
    const release = deferred<string>();
    const load = jest.fn(() => release.promise);

    const reads = Array.from({ length: 50 }, () => cache.get('frontend', load));
    await sleep(50);
    release.resolve('v1');

    expect(await Promise.all(reads)).toEqual(Array(50).fill('v1'));
    expect(load).toHaveBeenCalledTimes(1);
    expect(await counterValue(registry, 'cache_requests_total', { cache: 'roadmap', result: 'miss' })).toBe(50);
  });

  it('when the shared load fails, then every waiter gets the error and the next read loads again', async () => {
    const cache = cacheOn(await connectedRedis());
    const failure = new Error('database unavailable');
    const failing = jest.fn(async () => {
      await sleep(50);
      throw failure;
    });

    const reads = Array.from({ length: 10 }, () => cache.get('frontend', failing));
    const outcomes = await Promise.allSettled(reads);

    expect(outcomes.every((outcome) => outcome.status === 'rejected' && outcome.reason === failure)).toBe(true);
    expect(failing).toHaveBeenCalledTimes(1);
    const recovering = jest.fn(async () => 'v1');
    expect(await cache.get('frontend', recovering)).toBe('v1');
    expect(recovering).toHaveBeenCalledTimes(1);
  });

  it('when a key is invalidated, then its value is gone and the next read loads the new version', async () => {
    const redis = await connectedRedis();
    const namespace = `test:${randomUUID()}`;
    const cache = cacheOn(redis, { namespace });
    await cache.get('frontend', async () => 'v1');

    await cache.invalidate(['frontend', 'backend']);

    expect(await redis.exists(cacheKeys(namespace, 'frontend').value)).toBe(0);
    const load = jest.fn(async () => 'v2');
    expect(await cache.get('frontend', load)).toBe('v2');
    expect(await cache.get('frontend', load)).toBe('v2');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('when a slow load on one replica is overtaken by an invalidation from another, then its stale value is not cached', async () => {
    const namespace = `test:${randomUUID()}`;
    const redis = await connectedRedis();
    const reader = cacheOn(redis, { namespace });
    const publisher = cacheOn(await connectedRedis(), { namespace });
    let database = 'v1';
    const slowRead = deferred<void>();
    const staleLoad = async () => {
      const seen = database; // read before the publish commits
      await slowRead.promise;
      return seen;
    };

    const slow = reader.get('frontend', staleLoad);
    await sleep(50);
    database = 'v2';
    await publisher.invalidate('frontend');
    slowRead.resolve();
    expect(await slow).toBe('v1'); // that caller began before the publish
    expect(await redis.exists(cacheKeys(namespace, 'frontend').value)).toBe(0);

    const load = jest.fn(async () => database);
    expect(await reader.get('frontend', load)).toBe('v2');
    expect(await publisher.get('frontend', load)).toBe('v2');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('when this replica invalidates during its own slow load, then later reads do not join the stale load', async () => {
    const cache = cacheOn(await connectedRedis());
    const slowRead = deferred<void>();
    const slow = cache.get('frontend', async () => {
      await slowRead.promise;
      return 'v1';
    });
    await sleep(50);

    await cache.invalidate('frontend');
    const fresh = cache.get('frontend', async () => 'v2');

    expect(await fresh).toBe('v2');
    slowRead.resolve();
    expect(await slow).toBe('v1');
    expect(await cache.get('frontend', async () => 'unexpected load')).toBe('v2');
  });

  it('when a generation key has expired, then an entry tagged with another generation is not served', async () => {
    const redis = await connectedRedis();
    const namespace = `test:${randomUUID()}`;
    const cache = cacheOn(redis, { namespace });
    await cache.invalidate('frontend');
    await cache.get('frontend', async () => 'v1'); // stored under generation 1

    await redis.del(cacheKeys(namespace, 'frontend').generation); // as after its TTL or an eviction
    const load = jest.fn(async () => 'v2');

    expect(await cache.get('frontend', load)).toBe('v2');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('when the TTL passes, then the value expires and is loaded again', async () => {
    const redis = await connectedRedis();
    const namespace = `test:${randomUUID()}`;
    const cache = cacheOn(redis, { namespace });
    const load = jest.fn(async () => 'v1');

    await cache.get('frontend', load, { ttlSeconds: 0.3 });
    const ttlMs = await redis.pttl(cacheKeys(namespace, 'frontend').value);
    expect(ttlMs).toBeGreaterThan(0);
    expect(ttlMs).toBeLessThanOrEqual(330); // 300 ms + 10 % jitter
    await sleep(450);
    await cache.get('frontend', load);

    expect(load).toHaveBeenCalledTimes(2);
  });

  it('when Redis is unreachable, then reads are served by the load quickly, counted as degraded and warned about once', async () => {
    const redis = createRedis(UNREACHABLE.redisUrl, 'cache-aside-test');
    clients.push(redis);
    await expect(redis.connect()).rejects.toThrow();
    redis.on('error', () => undefined); // reconnect noise; the cache reports the outage itself
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const cache = cacheOn(redis);
    const load = jest.fn(async () => 'from the database');

    const started = Date.now();
    for (let i = 0; i < 5; i += 1) expect(await cache.get('frontend', load)).toBe('from the database');

    expect(Date.now() - started).toBeLessThan(1_000);
    expect(load).toHaveBeenCalledTimes(5);
    expect(await counterValue(registry, 'cache_requests_total', { cache: 'roadmap', result: 'degraded' })).toBe(5);
    expect(await counterValue(registry, 'cache_degraded_total', { cache: 'roadmap', operation: 'read' })).toBe(5);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('when Redis is unreachable, then invalidate fails loudly so the publisher retries', async () => {
    const redis = createRedis(UNREACHABLE.redisUrl, 'cache-aside-test');
    clients.push(redis);
    await expect(redis.connect()).rejects.toThrow();
    redis.on('error', () => undefined);
    const cache = cacheOn(redis);

    const failure = cache.invalidate('frontend');

    await expect(failure).rejects.toBeInstanceOf(CacheInvalidationError);
    await expect(failure).rejects.toMatchObject({ code: 'PLATFORM.CACHE_INVALIDATION_FAILED' });
  });

  describe('when Redis stops answering', () => {
    let proxy: Awaited<ReturnType<typeof startFreezableProxy>>;

    beforeEach(async () => {
      proxy = await startFreezableProxy(REDIS_URL);
    });

    afterEach(async () => {
      // A frozen hop never acknowledges the clients' goodbye; closing it ends their sockets.
      await Promise.all([disconnectAll(), proxy.close()]);
    });

    it('when a read hangs, then it is served by the load after the Redis timeout', async () => {
      const cache = cacheOn(await connectedRedis(proxy.url), { redisTimeoutMs: 250 });
      jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      await cache.get('frontend', async () => 'v1');
      proxy.freeze();

      const started = Date.now();
      const load = jest.fn(async () => 'from the database');
      const reads = await Promise.all(Array.from({ length: 20 }, () => cache.get('frontend', load)));

      const elapsed = Date.now() - started;
      expect(reads).toEqual(Array(20).fill('from the database'));
      expect(elapsed).toBeGreaterThanOrEqual(240);
      expect(elapsed).toBeLessThan(1_000);
      expect(load).toHaveBeenCalledTimes(1); // single-flight protects the database during the outage too
      expect(await counterValue(registry, 'cache_requests_total', { cache: 'roadmap', result: 'degraded' })).toBe(20);
      expect(await counterValue(registry, 'cache_degraded_total', { cache: 'roadmap', operation: 'read' })).toBe(1);
    });

    it('when an invalidation hangs, then it fails after the Redis timeout', async () => {
      const cache = cacheOn(await connectedRedis(proxy.url), { redisTimeoutMs: 250 });
      proxy.freeze();

      const started = Date.now();
      await expect(cache.invalidate('frontend')).rejects.toBeInstanceOf(CacheInvalidationError);
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
});
