import { Inject, Injectable, Logger } from '@nestjs/common';
import { METRICS_REGISTRY } from '@pathwise/platform/observability';
import { CacheAside, REDIS } from '@pathwise/platform/persistence';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import type { Registry } from 'prom-client';
import { roadmapCacheKey, RoadmapViews } from '../roadmaps/roadmap-views.repository';

/** A response ready to send: the JSON text and its strong validator (RFC 9110 §8.8.3). */
export interface Representation {
  body: string;
  etag: string;
}

// The live view changes on publish (invalidated then) and on skill edits (invalidated too); the TTL
// only bounds how long a lost invalidation could leave it stale. Versions never change shape.
const LIVE_TTL_SECONDS = 300;
const VERSION_TTL_SECONDS = 6 * 60 * 60;
// A full roadmap is ~25 KB of JSON: keeping the hot ones in memory saves moving and parsing it per read.
const LOCAL_ENTRIES = 200;
/**
 * Prefix of every roadmap view's Redis keys; exported so specs derive the keys with `cacheKeys` instead of spelling them out.
 * Its version moves when the view's shape does (v2: skills show aliases), so no old-shape copy outlives a deploy.
 */
export const ROADMAP_CACHE_NAMESPACE = 'catalog:roadmap:v2';

/**
 * Published roadmap views, cache-aside in Redis (plus a generation-checked in-process copy) as
 * serialized JSON, so a hit is sent as is, with no re-serialization. Single-flight, generation-guarded invalidation and the fall back to
 * PostgreSQL when Redis is down come from CacheAside.
 */
@Injectable()
export class RoadmapCache {
  private readonly logger = new Logger(RoadmapCache.name);
  private readonly cache: CacheAside;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(METRICS_REGISTRY) registry: Registry,
    private readonly views: RoadmapViews,
  ) {
    this.cache = new CacheAside(redis, { name: 'roadmap', namespace: ROADMAP_CACHE_NAMESPACE, defaultTtlSeconds: LIVE_TTL_SECONDS, localEntries: LOCAL_ENTRIES, registry });
  }

  read(slug: string, version?: number): Promise<Representation> {
    const ttlSeconds = version === undefined ? LIVE_TTL_SECONDS : VERSION_TTL_SECONDS;
    return this.cache.get(roadmapCacheKey(slug, version), async () => representation(await this.views.roadmap(slug, version)), { ttlSeconds });
  }

  async invalidate(keys: readonly string[]): Promise<void> {
    await this.cache.invalidate(keys);
  }

  /**
   * Right after a commit, so the writer reads its own change. If Redis is unavailable the
   * catalog's cache-invalidation consumer repeats it from the event; the write is never undone.
   */
  async invalidateAfterCommit(keys: readonly string[]): Promise<void> {
    try {
      await this.cache.invalidate(keys);
    } catch (error) {
      this.logger.warn({ err: error, keys }, 'cache invalidation deferred to the event consumer');
    }
  }
}

function representation(view: unknown): Representation {
  const body = JSON.stringify(view);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}
