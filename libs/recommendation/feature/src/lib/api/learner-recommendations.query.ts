import { Injectable } from '@nestjs/common';
import type { GoalPathQuery, NextSkillsQuery } from '@pathwise/contracts';
import { pathToGoal, recommendNext, type GoalPath, type RoadmapGraph, type WaitingSkill } from '@pathwise/recommendation/domain';
import { DataSource } from 'typeorm';
import { ReadModelRepository } from '../read-model/read-model.repository';
import { NotEnrolledError, RoadmapNotFoundError } from '../recommendation.errors';

const roadmapHeader = (graph: RoadmapGraph) => ({ roadmapId: graph.roadmapId, slug: graph.slug, title: graph.title, version: graph.version });

/** The read side of the API: everything is computed from this service's own read model, never from another service. */
@Injectable()
export class LearnerRecommendationsQuery {
  constructor(
    private readonly dataSource: DataSource,
    private readonly readModel: ReadModelRepository,
  ) {}

  async next(learnerId: string, query: NextSkillsQuery) {
    const manager = this.dataSource.manager;
    const roadmaps = await this.readModel.learnerRoadmaps(manager, learnerId, query.roadmapId);
    if (query.roadmapId !== undefined && roadmaps.length === 0) throw new NotEnrolledError(query.roadmapId);
    const learner = await this.readModel.learnerSkills(manager, learnerId);
    const answers = [];
    for (const roadmap of roadmaps) {
      const graph = await this.readModel.graph(manager, roadmap);
      const { ready, waiting } = recommendNext(graph, learner, { limit: query.limit, includeWaiting: query.includeWaiting });
      answers.push({
        ...roadmapHeader(graph),
        next: ready,
        ...(query.includeWaiting ? { waiting: waiting.map(({ skillId, name, waitingFor }: WaitingSkill) => ({ skillId, name, waitingFor })) } : {}),
      });
    }
    return { roadmaps: answers };
  }

  async path(learnerId: string, query: GoalPathQuery): Promise<{ roadmapId: string } & GoalPath> {
    const manager = this.dataSource.manager;
    const roadmap = await this.readModel.currentRoadmap(manager, query.roadmapId);
    if (!roadmap) throw new RoadmapNotFoundError(query.roadmapId);
    const [graph, learner] = await Promise.all([this.readModel.graph(manager, roadmap), this.readModel.learnerSkills(manager, learnerId)]);
    return { roadmapId: roadmap.roadmapId, ...pathToGoal(graph, learner, query.goal) };
  }

  /** What was last stored and published, for the roadmaps the learner is still in. */
  async stored(learnerId: string) {
    const rows: { roadmap_id: string; roadmap_version: number; computed_at: Date; next: { skillId: string; rank: number }[] }[] = await this.dataSource.query(
      `SELECT r.roadmap_id, r.roadmap_version, r.computed_at, r.next FROM learner_recommendations r
        WHERE r.learner_id = $1 AND EXISTS (SELECT 1 FROM enrollments e WHERE e.learner_id = r.learner_id AND e.roadmap_id = r.roadmap_id AND e.state <> 'left')
        ORDER BY r.roadmap_id`,
      [learnerId],
    );
    return { items: rows.map((row) => ({ roadmapId: row.roadmap_id, roadmapVersion: row.roadmap_version, computedAt: row.computed_at.toISOString(), next: row.next })) };
  }
}
