import { Injectable } from '@nestjs/common';
import {
  LearnerEnrolled,
  LearnerUnenrolled,
  RoadmapCompleted,
  RoadmapPublished,
  RoadmapRetired,
  SkillStatusChanged,
  SkillUpdated,
  type EventData,
  type EventEnvelope,
} from '@pathwise/contracts';
import type { EntityManager } from 'typeorm';
import { RecomputeRecommendationsHandler } from '../recommendations/recompute-recommendations.handler';
import { ReadModelRepository } from './read-model.repository';

/** First key of the two-key advisory locks this projector takes, apart from any other lock user. */
const ROADMAP_LOCK_NAMESPACE = 7_301;

export type ProjectedEnvelope = Pick<EventEnvelope, 'id' | 'type' | 'correlationId'>;

/**
 * Applies one catalog or progress event to the read model, inside the inbox transaction. A change
 * to one learner's progress recomputes that learner at once (the choreography's next step); a
 * catalog change that touches many learners only queues them for the recompute worker, so no
 * single transaction grows with a roadmap's audience. The rebuild passes `recompute: false` and
 * recomputes everyone once at the end.
 */
@Injectable()
export class ReadModelProjector {
  constructor(
    private readonly readModel: ReadModelRepository,
    private readonly recommendations: RecomputeRecommendationsHandler,
  ) {}

  async apply(manager: EntityManager, envelope: ProjectedEnvelope, data: unknown, options: { recompute: boolean } = { recompute: true }): Promise<void> {
    const cause = { causationId: envelope.id, correlationId: envelope.correlationId };
    switch (envelope.type) {
      case RoadmapPublished.type: {
        const published = data as EventData<typeof RoadmapPublished>;
        await this.lockRoadmap(manager, published.roadmapId);
        await this.readModel.recordPublished(manager, published);
        if (options.recompute) await this.queue(manager, 'SELECT DISTINCT learner_id, roadmap_id FROM enrollments WHERE roadmap_id = $1 AND state <> $2', [published.roadmapId, 'left']);
        return;
      }
      case RoadmapRetired.type: {
        const retired = data as EventData<typeof RoadmapRetired>;
        return this.readModel.recordRetired(manager, retired.roadmapId, retired.version, retired.retiredAt);
      }
      case SkillUpdated.type: {
        const updated = data as EventData<typeof SkillUpdated>;
        await this.readModel.recordSkillUpdated(manager, updated);
        // Signals rank skills: every learner in a roadmap whose current version has the skill.
        if (options.recompute) {
          await this.queue(
            manager,
            `SELECT DISTINCT e.learner_id, e.roadmap_id FROM enrollments e
               JOIN roadmaps r ON r.roadmap_id = e.roadmap_id
               JOIN roadmap_versions v ON v.roadmap_id = r.roadmap_id AND v.version = r.current_version
              WHERE e.state <> $2 AND v.graph->'skills' @> jsonb_build_array(jsonb_build_object('skillId', $1::text))`,
            [updated.skillId, 'left'],
          );
        }
        return;
      }
      case LearnerEnrolled.type: {
        const enrolled = data as EventData<typeof LearnerEnrolled>;
        await this.lockRoadmap(manager, enrolled.roadmapId);
        await this.readModel.recordEnrolled(manager, enrolled);
        if (options.recompute) await this.recommendations.execute(manager, enrolled.learnerId, { ...cause, roadmapId: enrolled.roadmapId });
        return;
      }
      case SkillStatusChanged.type: {
        const changed = data as EventData<typeof SkillStatusChanged>;
        await this.readModel.recordSkillStatus(manager, changed);
        // Skill ids are global: the change can move the list of every roadmap the learner is in.
        if (options.recompute) await this.recommendations.execute(manager, changed.learnerId, cause);
        return;
      }
      case RoadmapCompleted.type: {
        const completed = data as EventData<typeof RoadmapCompleted>;
        await this.readModel.recordEnrollmentState(manager, completed.enrollmentId, 'completed');
        if (options.recompute) await this.recommendations.execute(manager, completed.learnerId, { ...cause, roadmapId: completed.roadmapId });
        return;
      }
      case LearnerUnenrolled.type: {
        const left = data as EventData<typeof LearnerUnenrolled>;
        await this.readModel.recordEnrollmentState(manager, left.enrollmentId, 'left');
        if (options.recompute) await this.recommendations.forget(manager, left.learnerId, left.roadmapId, cause);
        return;
      }
      default:
        throw new Error(`the recommendation read model has no projection for ${envelope.type}`);
    }
  }

  /**
   * A publication and an enrollment in the same roadmap arrive through two consumer groups at
   * once. Unserialised, each can miss the other's uncommitted row (the publication queues nobody,
   * the enrollment finds no roadmap) and the learner is never computed. A transaction-scoped lock
   * per roadmap makes the later of the two see the earlier one.
   */
  private async lockRoadmap(manager: EntityManager, roadmapId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ROADMAP_LOCK_NAMESPACE, roadmapId]);
  }

  private async queue(manager: EntityManager, learnersSql: string, parameters: unknown[]): Promise<void> {
    await manager.query(`INSERT INTO pending_recomputes (learner_id, roadmap_id) ${learnersSql} ON CONFLICT DO NOTHING`, parameters);
    // The worker wakes on this instead of waiting for its next poll; delivered on commit.
    await manager.query(`SELECT pg_notify('recommendation_recomputes', '')`);
  }
}
