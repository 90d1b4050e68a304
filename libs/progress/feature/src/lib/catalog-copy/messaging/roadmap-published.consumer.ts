import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { RoadmapPublished, type EventData } from '@pathwise/contracts';
import { InboxContext } from '@pathwise/platform/messaging';
import { ApplyPublishedRoadmapHandler } from '../apply-published-roadmap.handler';

/** Group `progress.catalog-projector`; the inbox server has validated the payload against the contract. */
@Controller()
export class RoadmapPublishedConsumer {
  constructor(private readonly handler: ApplyPublishedRoadmapHandler) {}

  @EventPattern(RoadmapPublished.type)
  async handle(@Payload() data: EventData<typeof RoadmapPublished>, @Ctx() context: InboxContext): Promise<void> {
    await this.handler.execute(context.manager, data, context.envelope, new Date());
  }
}
