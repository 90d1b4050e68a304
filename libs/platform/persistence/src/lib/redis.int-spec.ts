import { randomUUID } from 'node:crypto';
import { UNREACHABLE } from '@pathwise/platform/testing';
import { createRedis, RedisReadiness } from '../index';

describe('Redis', () => {
  it('when a value is written with a TTL, then it reads back and expires', async () => {
    const redis = createRedis(process.env['REDIS_URL'] as string, 'smoke-test');
    await redis.connect();
    const key = `smoke:${randomUUID()}`;
    try {
      await redis.set(key, 'pathwise', 'PX', 200);
      expect(await redis.get(key)).toBe('pathwise');
      expect(await redis.pttl(key)).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await redis.get(key)).toBeNull();
      const info = await redis.info('server');
      expect(info).toMatch(/redis_version:[6-9]\./);
    } finally {
      await redis.quit();
    }
  });

  it('when Redis is reachable, then the readiness check passes', async () => {
    const redis = createRedis(process.env['REDIS_URL'] as string, 'smoke-test');
    await redis.connect();
    try {
      await expect(new RedisReadiness(redis).check()).resolves.toBeUndefined();
    } finally {
      await redis.quit();
    }
  });

  it('when Redis is unreachable, then commands fail fast instead of queueing', async () => {
    const redis = createRedis(UNREACHABLE.redisUrl, 'smoke-test');
    await expect(redis.connect()).rejects.toThrow(); // nothing listens on port 1
    const started = Date.now();
    try {
      await expect(new RedisReadiness(redis).check()).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      redis.disconnect();
    }
  });
});
