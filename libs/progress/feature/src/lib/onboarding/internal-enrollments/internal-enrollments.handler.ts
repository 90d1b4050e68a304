import { Injectable } from '@nestjs/common';
import { AlreadyEnrolledError, EnrollmentNotFoundError } from '@pathwise/progress/domain';
import type { EntityManager } from 'typeorm';
import { EnrollHandler } from '../../enrollments/enroll/enroll.handler';
import { UnenrollHandler } from '../../enrollments/unenroll/unenroll.handler';
import { EnrollmentRepository } from '../../event-store/enrollment.repository';

export interface InternalEnrollResult {
  readonly created: boolean;
  readonly roadmapId: string;
  readonly version: number;
}

/**
 * The saga's enroll and its compensation, over the learner-facing use cases. An enrollment that
 * existed before is reported, not failed, so the saga compensates only what it created.
 */
@Injectable()
export class InternalEnrollmentsHandler {
  constructor(
    private readonly enroll: EnrollHandler,
    private readonly unenroll: UnenrollHandler,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  async enrollLearner(manager: EntityManager, learnerId: string, roadmapIdOrSlug: string, actor: string, now: Date): Promise<InternalEnrollResult> {
    try {
      const enrollment = await this.enroll.executeIn(manager, { learnerId, roadmapIdOrSlug, actor }, now);
      return { created: true, roadmapId: enrollment.state.roadmapId, version: enrollment.version };
    } catch (error) {
      // Thrown by the aggregate before anything was written, so the transaction is still usable.
      if (!(error instanceof AlreadyEnrolledError)) throw error;
      const roadmapId = String(error.details['roadmapId']);
      const existing = await this.enrollments.load(manager, learnerId, roadmapId);
      return { created: false, roadmapId, version: existing.version };
    }
  }

  async unenrollLearner(manager: EntityManager, learnerId: string, roadmapId: string, actor: string, now: Date): Promise<void> {
    try {
      await this.unenroll.executeIn(manager, { learnerId, roadmapId }, now, actor);
    } catch (error) {
      // A compensation for an enroll that never committed finds nothing: that is already undone.
      if (!(error instanceof EnrollmentNotFoundError)) throw error;
    }
  }
}
