import { Injectable } from '@nestjs/common';
import type { Enrollment } from '@pathwise/progress/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogRoadmapRepository } from '../../catalog-copy/catalog-roadmap.repository';
import { EnrollmentRepository } from '../../event-store/enrollment.repository';

export interface EnrollCommand {
  readonly learnerId: string;
  readonly roadmapIdOrSlug: string;
  readonly correlationId?: string;
  /** Who issued the command when it is not the learner (the saga-worker). */
  readonly actor?: string;
}

/** Enrolls the learner in the roadmap's current published version. */
@Injectable()
export class EnrollHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roadmaps: CatalogRoadmapRepository,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  async execute(command: EnrollCommand, now: Date): Promise<Enrollment> {
    return this.dataSource.transaction((manager) => this.executeIn(manager, command, now));
  }

  /** The same use case inside a transaction the caller owns (the onboarding routes add their idempotency record). */
  async executeIn(manager: EntityManager, command: EnrollCommand, now: Date): Promise<Enrollment> {
    const roadmap = await this.roadmaps.forEnrollment(manager, command.roadmapIdOrSlug);
    const enrollment = await this.enrollments.load(manager, command.learnerId, roadmap.roadmapId);
    enrollment.enroll({ learnerId: command.learnerId, roadmapId: roadmap.roadmapId, roadmapVersion: roadmap.version, structure: roadmap.structure }, now);
    // Two concurrent enrollments both append version 1; the stream's unique key admits one.
    const metadata = { actor: command.actor ?? command.learnerId, ...(command.correlationId ? { correlationId: command.correlationId } : {}) };
    await this.enrollments.save(manager, enrollment, metadata);
    return enrollment;
  }
}
