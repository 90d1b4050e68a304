import type Redis from 'ioredis';
import { CacheAside, cacheKeys, jitteredTtlMs } from './cache-aside';

describe('jitteredTtlMs', () => {
  it('when random is at its extremes, then the TTL stays within ±jitter of the base', () => {
    expect(jitteredTtlMs(60, 0.1, () => 0)).toBe(54_000);
    expect(jitteredTtlMs(60, 0.1, () => 0.999_999)).toBeLessThanOrEqual(66_000);
    expect(jitteredTtlMs(60, 0.1, () => 0.999_999)).toBeGreaterThan(65_999);
    expect(jitteredTtlMs(60, 0.1, () => 0.5)).toBe(60_000);
  });

  it('when many TTLs are drawn, then they spread across the window instead of coinciding', () => {
    const ttls = Array.from({ length: 1_000 }, () => jitteredTtlMs(300, 0.1));
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(270_000);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(330_000);
    expect(new Set(ttls).size).toBeGreaterThan(900);
  });

  it('when jitter is zero, then the TTL is exact', () => {
    expect(jitteredTtlMs(2, 0)).toBe(2_000);
  });

  it('when the TTL is tiny, then it never drops below one millisecond', () => {
    expect(jitteredTtlMs(0.000_1, 0.9, () => 0)).toBe(1);
  });
});

describe('cacheKeys', () => {
  it('when a key is namespaced, then value and generation share the namespace and one hash tag', () => {
    expect(cacheKeys('roadmap:v1', 'frontend')).toEqual({ value: 'roadmap:v1:{frontend}:value', generation: 'roadmap:v1:{frontend}:gen' });
  });

  it('when keys look like another key plus a suffix, then no two Redis keys coincide', () => {
    const awkward = ['a', 'a}:gen', 'a}:value', 'gen', 'a:gen', '', '{a}', 'a}'];
    const all = awkward.flatMap((key) => Object.values(cacheKeys('ns', key)));
    expect(new Set(all).size).toBe(all.length);
  });

  it('when two namespaces hold the same key, then their Redis keys differ', () => {
    expect(cacheKeys('roadmap', 'x').value).not.toBe(cacheKeys('skill', 'x').value);
  });
});

describe('CacheAside options', () => {
  const redis = {} as Redis; // never called: construction validates options only

  it('when the default TTL is not positive, then construction fails', () => {
    expect(() => new CacheAside(redis, { name: 'roadmap', defaultTtlSeconds: 0 })).toThrow(/defaultTtlSeconds/);
  });

  it('when the jitter is outside [0, 1), then construction fails', () => {
    expect(() => new CacheAside(redis, { name: 'roadmap', defaultTtlSeconds: 60, ttlJitter: 1 })).toThrow(/ttlJitter/);
    expect(() => new CacheAside(redis, { name: 'roadmap', defaultTtlSeconds: 60, ttlJitter: -0.1 })).toThrow(/ttlJitter/);
  });
});
