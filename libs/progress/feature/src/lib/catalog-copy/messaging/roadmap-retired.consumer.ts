import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { RoadmapRetired, type EventData } from '@pathwise/contracts';
import { InboxContext } from '@pathwise/platform/messaging';
import { CatalogRoadmapRepository } from '../catalog-roadmap.repository';

/** A retired roadmap takes no new enrollments; existing ones keep their progress and stay readable. */
@Controller()
export class RoadmapRetiredConsumer {
  constructor(private readonly roadmaps: CatalogRoadmapRepository) {}

  @EventPattern(RoadmapRetired.type)
  async handle(@Payload() data: EventData<typeof RoadmapRetired>, @Ctx() context: InboxContext): Promise<void> {
    await this.roadmaps.recordRetired(context.manager, data.roadmapId, data.version, data.retiredAt);
  }
}
