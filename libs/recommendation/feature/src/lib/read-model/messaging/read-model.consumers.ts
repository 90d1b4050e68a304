import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { LearnerEnrolled, LearnerUnenrolled, RoadmapCompleted, RoadmapPublished, RoadmapRetired, SkillStatusChanged, SkillUpdated } from '@pathwise/contracts';
import { InboxContext } from '@pathwise/platform/messaging';
import { ReadModelProjector } from '../read-model.projector';

/**
 * Groups `recommendation.catalog-projector` and `recommendation.progress-projector`: each event,
 * already validated against its contract by the inbox server, goes to the projector in the inbox
 * transaction.
 */
@Controller()
export class ReadModelConsumers {
  constructor(private readonly projector: ReadModelProjector) {}

  // An array is a list of patterns, each routed to this one handler.
  @EventPattern([RoadmapPublished.type, RoadmapRetired.type, SkillUpdated.type, LearnerEnrolled.type, SkillStatusChanged.type, RoadmapCompleted.type, LearnerUnenrolled.type])
  async handle(@Payload() data: unknown, @Ctx() context: InboxContext): Promise<void> {
    await this.projector.apply(context.manager, context.envelope, data);
  }
}
