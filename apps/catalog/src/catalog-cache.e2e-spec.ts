import { cacheKeys } from '@pathwise/platform/persistence';
import { eventually, metricValue, tailTopic, UNREACHABLE } from '@pathwise/platform/testing';
import Redis from 'ioredis';
import { addPublishedRoadmap, publishNextVersionDirectly, ROADMAP_CACHE_NAMESPACE, roadmapCacheKey } from '@pathwise/catalog/feature/testing';
import { RoadmapPublished } from '@pathwise/contracts';
import { startCatalog, uniqueSlug, type CatalogUnderTest } from './testing';

/** A labelled counter that was never incremented has no sample yet: it counts as 0 here. */
const count = async (baseUrl: string, name: string, labels: Record<string, string>) => (await metricValue(baseUrl, name, labels)) ?? 0;

/** The Redis keys (value and generation) of a roadmap's live view. */
const liveViewKeys = (slug: string) => cacheKeys(ROADMAP_CACHE_NAMESPACE, roadmapCacheKey(slug));

describe('catalog cache (Redis up)', () => {
  let catalog: CatalogUnderTest;
  let redis: Redis;

  beforeAll(async () => {
    catalog = await startCatalog();
    redis = new Redis(catalog.config.REDIS_URL);
  });

  afterAll(async () => {
    redis.disconnect();
    await catalog.close();
  });

  const version = async (slug: string) => ((await (await fetch(`${catalog.running.baseUrl}/roadmaps/${slug}`)).json()) as { version: number }).version;

  async function seedRoadmap(): Promise<string> {
    const slug = uniqueSlug('cache');
    await addPublishedRoadmap(catalog.dataSource, slug);
    // The consumer invalidates once for this first RoadmapPublished; waiting for it keeps the counts below exact.
    await eventually(() => redis.get(liveViewKeys(slug).generation), (generation) => generation === '1');
    return slug;
  }

  it('when a roadmap is read twice, then the second read is a Redis hit', async () => {
    const slug = await seedRoadmap();
    const hitsBefore = await count(catalog.running.baseUrl, 'cache_requests_total', { result: 'hit' });
    await version(slug);
    await version(slug);
    expect(await count(catalog.running.baseUrl, 'cache_requests_total', { result: 'hit' })).toBe(hitsBefore + 1);
    expect(await redis.exists(liveViewKeys(slug).value)).toBe(1);
  });

  it('when 50 clients read a cold roadmap at once, then the database is asked once (single-flight)', async () => {
    const slug = await seedRoadmap();
    const loadsBefore = await count(catalog.running.baseUrl, 'cache_loads_total', { cache: 'roadmap' });
    const versions = await Promise.all(Array.from({ length: 50 }, () => version(slug)));
    expect(new Set(versions)).toEqual(new Set([1]));
    expect(await count(catalog.running.baseUrl, 'cache_loads_total', { cache: 'roadmap' })).toBe(loadsBefore + 1);
  });

  it('when a version is published behind a cached view, then the catalog consumer invalidates it from the event', async () => {
    const slug = await seedRoadmap();
    const generationKey = liveViewKeys(slug).generation;
    expect(await version(slug)).toBe(1);

    await publishNextVersionDirectly(catalog.dataSource, slug);

    // No inline invalidation happened: only RoadmapPublished → relay → catalog.cache-invalidator can refresh it.
    expect(await eventually(() => version(slug), (seen) => seen === 2)).toBe(2);
    expect(await redis.get(generationKey)).toBe('2');
  });
});

describe('catalog cache (Redis down)', () => {
  let catalog: CatalogUnderTest;

  beforeAll(async () => {
    catalog = await startCatalog({ REDIS_URL: UNREACHABLE.redisUrl });
  });

  afterAll(() => catalog.close());

  it('when Redis is unreachable, then reads are served from PostgreSQL within the Redis budget and counted as degraded', async () => {
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 5 }, () => fetch(`${catalog.running.baseUrl}/roadmaps/backend`)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(((await (responses[0] as Response).json()) as { stages: unknown[] }).stages).toHaveLength(9);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await count(catalog.running.baseUrl, 'cache_requests_total', { result: 'degraded' })).toBeGreaterThanOrEqual(1);
  });

  it('when Redis is unreachable, then an editor can still publish: the change commits and the event goes out', async () => {
    const editor = await catalog.as('editor');
    const slug = uniqueSlug('degraded');
    const events = await tailTopic({ brokers: catalog.config.KAFKA_BROKERS, topic: RoadmapPublished.topic });
    const call = async (method: string, path: string, etag?: string, body?: unknown) => {
      const response = await fetch(`${catalog.running.baseUrl}${path}`, {
        method,
        headers: { ...editor, ...(etag ? { 'if-match': etag } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, etag: response.headers.get('etag') as string };
    };
    try {
      let answer = await call('POST', '/roadmaps', undefined, { slug, title: 'Degraded', kind: 'skill' });
      answer = await call('POST', `/roadmaps/${slug}/draft/stages`, answer.etag, { id: 'only', title: 'Only' });
      answer = await call('POST', `/roadmaps/${slug}/draft/stages/only/skills`, answer.etag, { skillId: 'skill:git', priority: 'essential' });
      answer = await call('POST', `/roadmaps/${slug}/publish`, answer.etag);

      expect(answer.status).toBe(200);
      const [row] = await catalog.dataSource.query(`SELECT version FROM roadmaps WHERE slug = $1`, [slug]);
      expect(row.version).toBe(1);
      await events.waitFor((event) => event.subject === `roadmap:${slug}`);
    } finally {
      await events.close();
    }
  });
});
