import { Injectable } from '@nestjs/common';
import type { Enrollment } from '@pathwise/progress/domain';
import { DataSource } from 'typeorm';
import { CatalogRoadmapRepository } from '../../catalog-copy/catalog-roadmap.repository';
import { EnrollmentRepository } from '../../event-store/enrollment.repository';

export interface EnrollCommand {
  readonly learnerId: string;
  readonly roadmapIdOrSlug: string;
  readonly correlationId?: string;
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
    return this.dataSource.transaction(async (manager) => {
      const roadmap = await this.roadmaps.forEnrollment(manager, command.roadmapIdOrSlug);
      const enrollment = await this.enrollments.load(manager, command.learnerId, roadmap.roadmapId);
      enrollment.enroll({ learnerId: command.learnerId, roadmapId: roadmap.roadmapId, roadmapVersion: roadmap.version, structure: roadmap.structure }, now);
      // Two concurrent enrollments both append version 1; the stream's unique key admits one.
      await this.enrollments.save(manager, enrollment, { actor: command.learnerId, ...(command.correlationId ? { correlationId: command.correlationId } : {}) });
      return enrollment;
    });
  }
}
