import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { RoadmapPublished, RoadmapRetired, SkillUpdated, type EventData } from '@pathwise/contracts';
import { roadmapCacheKey, RoadmapViews } from '../roadmaps/roadmap-views.repository';
import { RoadmapCache } from './roadmap-cache';

export const CACHE_INVALIDATION_GROUP = 'catalog.cache-invalidator';

/**
 * The guaranteed path of cache invalidation: the catalog consumes its own events, so a publish
 * whose immediate invalidation failed (Redis down) still drops the stale entry once Redis is
 * back, through the consumer's retries. Invalidation is idempotent, so redelivery is harmless.
 */
@Controller()
export class CacheInvalidationConsumer {
  constructor(
    private readonly cache: RoadmapCache,
    private readonly views: RoadmapViews,
  ) {}

  @EventPattern(RoadmapPublished.type)
  async onPublished(@Payload() data: EventData<typeof RoadmapPublished>): Promise<void> {
    await this.cache.invalidate([roadmapCacheKey(data.slug)]);
  }

  @EventPattern(RoadmapRetired.type)
  async onRetired(@Payload() data: EventData<typeof RoadmapRetired>): Promise<void> {
    await this.cache.invalidate([roadmapCacheKey(data.slug)]);
  }

  @EventPattern(SkillUpdated.type)
  async onSkillUpdated(@Payload() data: EventData<typeof SkillUpdated>): Promise<void> {
    await this.cache.invalidate(await this.views.viewsShowingSkill(data.skillId));
  }
}
