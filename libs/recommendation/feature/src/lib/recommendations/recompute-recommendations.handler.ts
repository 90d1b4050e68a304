import { Injectable } from '@nestjs/common';
import { RecommendationsUpdated } from '@pathwise/contracts';
import { Outbox } from '@pathwise/platform/messaging';
import { recommendNext } from '@pathwise/recommendation/domain';
import type { EntityManager } from 'typeorm';
import { ReadModelRepository } from '../read-model/read-model.repository';

/** How many ranked skills are stored and published per roadmap. */
export const STORED_NEXT = 10;

export interface Cause {
  causationId?: string;
  correlationId?: string;
}

type Next = { skillId: string; rank: number }[];

/**
 * Recomputes a learner's next skills for each roadmap they are in and, where the list changed,
 * stores it and appends `RecommendationsUpdated` to the outbox — in the caller's transaction, so
 * the inbox record, the new list and the event commit together or not at all.
 */
@Injectable()
export class RecomputeRecommendationsHandler {
  constructor(
    private readonly readModel: ReadModelRepository,
    private readonly outbox: Outbox,
  ) {}

  /** `roadmapId` narrows it to one roadmap; `publish: false` stores without an event (the rebuild). */
  async execute(manager: EntityManager, learnerId: string, options: Cause & { roadmapId?: string; publish?: boolean; now?: Date } = {}): Promise<number> {
    const now = options.now ?? new Date();
    const roadmaps = await this.readModel.learnerRoadmaps(manager, learnerId, options.roadmapId);
    if (roadmaps.length === 0) return 0;
    const learner = await this.readModel.learnerSkills(manager, learnerId);
    let changed = 0;
    for (const roadmap of roadmaps) {
      const graph = await this.readModel.graph(manager, roadmap);
      const next: Next = recommendNext(graph, learner, { limit: STORED_NEXT }).ready.map(({ skillId, rank }) => ({ skillId, rank }));
      // One statement: the row changes (and its version moves) only when the list or the version did.
      const [row]: { version: number }[] = await manager.query(
        `INSERT INTO learner_recommendations AS r (learner_id, roadmap_id, roadmap_version, next, version, computed_at) VALUES ($1, $2, $3, $4, 1, $5)
         ON CONFLICT (learner_id, roadmap_id) DO UPDATE SET roadmap_version = EXCLUDED.roadmap_version, next = EXCLUDED.next, version = r.version + 1, computed_at = EXCLUDED.computed_at
         WHERE r.next <> EXCLUDED.next OR r.roadmap_version <> EXCLUDED.roadmap_version
         RETURNING version`,
        [learnerId, roadmap.roadmapId, roadmap.version, JSON.stringify(next), now],
      );
      if (!row) continue;
      changed += 1;
      if (options.publish === false) continue;
      await this.outbox.append(manager, RecommendationsUpdated, {
        subject: `${learnerId}/${roadmap.roadmapId}`,
        aggregateVersion: row.version,
        data: { learnerId, roadmapId: roadmap.roadmapId, roadmapVersion: roadmap.version, computedAt: now.toISOString(), next },
        causationId: options.causationId,
        correlationId: options.correlationId,
        time: now,
      });
    }
    return changed;
  }

  /**
   * A learner left a roadmap: the list empties (the row stays, so its version keeps growing if they
   * come back and consumers' stale-version guards stay right) and consumers learn it is empty.
   */
  async forget(manager: EntityManager, learnerId: string, roadmapId: string, cause: Cause & { now?: Date } = {}): Promise<void> {
    const now = cause.now ?? new Date();
    const [row]: { version: number; roadmap_version: number }[] = await manager.query(
      `WITH emptied AS (
         UPDATE learner_recommendations SET next = '[]', version = version + 1, computed_at = $3
          WHERE learner_id = $1 AND roadmap_id = $2 AND next <> '[]' RETURNING version, roadmap_version)
       SELECT version, roadmap_version FROM emptied`,
      [learnerId, roadmapId, now],
    );
    if (!row) return;
    await this.outbox.append(manager, RecommendationsUpdated, {
      subject: `${learnerId}/${roadmapId}`,
      aggregateVersion: row.version,
      data: { learnerId, roadmapId, roadmapVersion: row.roadmap_version, computedAt: now.toISOString(), next: [] },
      causationId: cause.causationId,
      correlationId: cause.correlationId,
      time: now,
    });
  }
}
