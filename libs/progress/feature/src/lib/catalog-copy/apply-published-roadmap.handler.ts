import { Injectable } from '@nestjs/common';
import type { EventData, EventEnvelope, RoadmapPublished } from '@pathwise/contracts';
import { RoadmapStructure } from '@pathwise/progress/domain';
import type { EntityManager } from 'typeorm';
import { EnrollmentRepository } from '../event-store/enrollment.repository';
import { CatalogRoadmapRepository } from './catalog-roadmap.repository';

const LOAD_CHUNK = 500;

export interface AppliedPublication {
  readonly current: boolean;
  /** Enrollments moved to the new version in this transaction. */
  readonly adopted: number;
}

/**
 * Keeps the local catalog copy current and moves every open enrollment of the roadmap to the new
 * version, as `RoadmapVersionAdopted` events in each stream (never by editing rows), in the
 * inbox transaction: the copy, the adoptions and the inbox record commit together.
 */
@Injectable()
export class ApplyPublishedRoadmapHandler {
  constructor(
    private readonly roadmaps: CatalogRoadmapRepository,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  async execute(manager: EntityManager, data: EventData<typeof RoadmapPublished>, envelope: Pick<EventEnvelope, 'id' | 'correlationId'>, now: Date): Promise<AppliedPublication> {
    const stages = [...data.stages].sort((a, b) => a.position - b.position);
    const structure = RoadmapStructure.of({
      stages: stages.map((stage) => ({ stageId: stage.stageId, skillIds: [...stage.skills].sort((a, b) => a.position - b.position).map((skill) => skill.skillId) })),
    });
    const current = await this.roadmaps.recordPublished(manager, {
      roadmapId: data.roadmapId,
      slug: data.slug,
      title: data.title,
      version: data.version,
      structure: structure.toData(),
      skillNames: Object.fromEntries(data.skills.map((skill) => [skill.skillId, skill.name])),
      publishedAt: data.publishedAt,
    });
    if (!current) return { current, adopted: 0 };

    let adopted = 0;
    const streamIds = (await this.enrollments.openEnrollmentsOfRoadmap(manager, data.roadmapId)).map((ref) => ref.streamId);
    // One load per chunk rather than per stream; chunked so a popular roadmap's enrollments are
    // not all held in memory at once.
    for (let start = 0; start < streamIds.length; start += LOAD_CHUNK) {
      for (const enrollment of await this.enrollments.loadStreams(manager, streamIds.slice(start, start + LOAD_CHUNK))) {
        // Not redundant with the index's `open` filter: the load is a later READ COMMITTED
        // snapshot, and an unenroll may have committed in between.
        if (enrollment.closed) continue;
        enrollment.adoptRoadmapVersion(data.version, structure, now);
        if (enrollment.pendingEvents.length > 0) adopted += 1;
        await this.enrollments.save(manager, enrollment, { causationId: envelope.id, correlationId: envelope.correlationId, actor: 'catalog' });
      }
    }
    return { current, adopted };
  }
}
