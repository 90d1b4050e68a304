import { Injectable } from '@nestjs/common';
import type { EventData, RoadmapPublished, SkillUpdated } from '@pathwise/contracts';
import type { LearnerSkills, MarketSignal, RoadmapGraph, SkillSignals, SkillStatus } from '@pathwise/recommendation/domain';
import { mergeSkillStatuses } from '@pathwise/recommendation/domain';
import type { EntityManager } from 'typeorm';

type PublishedData = EventData<typeof RoadmapPublished>;
type Signals = PublishedData['skills'][number]['signals'];
type SignalDetails = PublishedData['skills'][number]['signalDetails'];

/** A learner's open enrollment with the current version of its roadmap. */
export interface LearnerRoadmap {
  roadmapId: string;
  slug: string;
  version: number;
}

interface PublishedGraph {
  graph: RoadmapGraph;
  publishedAt: Date;
}

const SIGNAL_KEYS = ['importance', 'marketDemand', 'automationRisk'] as const;

/** Levels, with their source and date when the catalog sent them. */
export function toSkillSignals(levels: Signals, details: SignalDetails): SkillSignals | undefined {
  if (!levels && !details) return undefined;
  const signals: Record<string, MarketSignal> = {};
  for (const key of SIGNAL_KEYS) {
    const detail = details?.[key];
    const level = detail?.level ?? levels?.[key];
    if (level) signals[key] = detail ? { level, source: detail.source, asOf: detail.asOf } : { level };
  }
  return signals as SkillSignals;
}

export function graphOf(data: PublishedData): RoadmapGraph {
  return {
    roadmapId: data.roadmapId,
    slug: data.slug,
    title: data.title,
    version: data.version,
    stages: data.stages.map((stage) => ({ stageId: stage.stageId, title: stage.title, position: stage.position, skills: stage.skills.map(({ skillId, position, priority }) => ({ skillId, position, priority })) })),
    // Aliases ride along in the stored graph (the recommender ignores them; resume analysis reads them).
    skills: data.skills.map((skill) => {
      const signals = toSkillSignals(skill.signals, skill.signalDetails);
      return { skillId: skill.skillId, name: skill.name, ...(signals ? { signals } : {}), ...(skill.aliases ? { aliases: skill.aliases } : {}) };
    }),
    prerequisites: data.prerequisites.map(({ skillId, requiresSkillId }) => ({ skillId, requiresSkillId })),
  };
}

/**
 * The service's own copy of what the catalog published and of each learner's progress, written
 * only by its event consumers (and the rebuild). Raw SQL, like the other services' read models.
 */
@Injectable()
export class ReadModelRepository {
  /** Immutable once published, so a version's graph is cached for the life of the process. */
  private readonly graphs = new Map<string, PublishedGraph>();

  async recordPublished(manager: EntityManager, data: PublishedData): Promise<void> {
    await manager.query(
      `INSERT INTO roadmap_versions (roadmap_id, version, graph, published_at) VALUES ($1, $2, $3, $4) ON CONFLICT (roadmap_id, version) DO NOTHING`,
      [data.roadmapId, data.version, JSON.stringify(graphOf(data)), data.publishedAt],
    );
    await manager.query(
      `INSERT INTO roadmaps (roadmap_id, slug, current_version) VALUES ($1, $2, $3)
       ON CONFLICT (roadmap_id) DO UPDATE SET slug = EXCLUDED.slug, current_version = EXCLUDED.current_version, retired_at = NULL
       WHERE roadmaps.current_version < EXCLUDED.current_version`,
      [data.roadmapId, data.slug, data.version],
    );
  }

  async recordRetired(manager: EntityManager, roadmapId: string, version: number, retiredAt: string): Promise<void> {
    await manager.query('UPDATE roadmaps SET retired_at = $3 WHERE roadmap_id = $1 AND current_version <= $2 AND retired_at IS NULL', [roadmapId, version, retiredAt]);
  }

  /**
   * Only SkillUpdated writes here (one row, keyed like its event). A publication carries its own
   * names and signals in the version's graph; sharing these rows with it would make concurrent
   * publications of roadmaps with common skills lock the same rows in different orders.
   */
  async recordSkillUpdated(manager: EntityManager, data: EventData<typeof SkillUpdated>): Promise<void> {
    const signals = toSkillSignals(data.signals, data.signalDetails);
    await manager.query(
      `INSERT INTO skills (skill_id, name, signals, aliases, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (skill_id) DO UPDATE SET name = EXCLUDED.name, signals = EXCLUDED.signals, aliases = EXCLUDED.aliases, updated_at = EXCLUDED.updated_at
       WHERE skills.updated_at <= EXCLUDED.updated_at`,
      [data.skillId, data.name, signals ? JSON.stringify(signals) : null, data.aliases ? JSON.stringify(data.aliases) : null, data.updatedAt],
    );
  }

  async recordEnrolled(manager: EntityManager, enrollment: { enrollmentId: string; learnerId: string; roadmapId: string; enrolledAt: string }): Promise<void> {
    await manager.query(
      `INSERT INTO enrollments (enrollment_id, learner_id, roadmap_id, state, enrolled_at) VALUES ($1, $2, $3, 'active', $4) ON CONFLICT (enrollment_id) DO NOTHING`,
      [enrollment.enrollmentId, enrollment.learnerId, enrollment.roadmapId, enrollment.enrolledAt],
    );
  }

  async recordEnrollmentState(manager: EntityManager, enrollmentId: string, state: 'completed' | 'left'): Promise<void> {
    await manager.query('UPDATE enrollments SET state = $2 WHERE enrollment_id = $1', [enrollmentId, state]);
  }

  async recordSkillStatus(manager: EntityManager, change: { enrollmentId: string; learnerId: string; skillId: string; status: SkillStatus; changedAt: string }): Promise<void> {
    await manager.query(
      `INSERT INTO skill_states (enrollment_id, skill_id, learner_id, status, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (enrollment_id, skill_id) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at`,
      [change.enrollmentId, change.skillId, change.learnerId, change.status, change.changedAt],
    );
  }

  /** The learner's one status per skill id, merged across every enrollment (left ones included: what was learned stays learned). */
  async learnerSkills(manager: EntityManager, learnerId: string): Promise<LearnerSkills> {
    const rows: { skill_id: string; statuses: SkillStatus[] }[] = await manager.query(
      'SELECT skill_id, array_agg(status) AS statuses FROM skill_states WHERE learner_id = $1 GROUP BY skill_id',
      [learnerId],
    );
    return new Map(rows.map((row) => [row.skill_id, mergeSkillStatuses(row.statuses)]));
  }

  /** The roadmaps the learner is in (not left) whose publication this service has seen; one of them when `roadmapIdOrSlug` is given. */
  async learnerRoadmaps(manager: EntityManager, learnerId: string, roadmapIdOrSlug?: string): Promise<LearnerRoadmap[]> {
    const rows: { roadmap_id: string; slug: string; current_version: number }[] = await manager.query(
      `SELECT DISTINCT r.roadmap_id, r.slug, r.current_version FROM enrollments e JOIN roadmaps r ON r.roadmap_id = e.roadmap_id
        WHERE e.learner_id = $1 AND e.state <> 'left' AND ($2::text IS NULL OR r.roadmap_id = $2 OR r.slug = $2)
        ORDER BY r.roadmap_id`,
      [learnerId, roadmapIdOrSlug ?? null],
    );
    return rows.map((row) => ({ roadmapId: row.roadmap_id, slug: row.slug, version: row.current_version }));
  }

  async currentRoadmap(manager: EntityManager, roadmapIdOrSlug: string): Promise<LearnerRoadmap | undefined> {
    const [row]: { roadmap_id: string; slug: string; current_version: number }[] = await manager.query(
      'SELECT roadmap_id, slug, current_version FROM roadmaps WHERE roadmap_id = $1 OR slug = $1 ORDER BY (roadmap_id = $1) DESC LIMIT 1',
      [roadmapIdOrSlug],
    );
    return row && { roadmapId: row.roadmap_id, slug: row.slug, version: row.current_version };
  }

  /** The published graph, with the name and signals of each skill updated since that version was published. */
  async graph(manager: EntityManager, roadmap: LearnerRoadmap): Promise<RoadmapGraph> {
    const published = await this.publishedGraph(manager, roadmap.roadmapId, roadmap.version);
    const rows: { skill_id: string; name: string; signals: SkillSignals | null }[] = await manager.query(
      'SELECT skill_id, name, signals FROM skills WHERE skill_id = ANY($1) AND updated_at > $2',
      [published.graph.skills.map((skill) => skill.skillId), published.publishedAt],
    );
    // The same object while nothing changed, so the recommender's per-graph indexes are reused.
    if (rows.length === 0) return published.graph;
    const latest = new Map(rows.map((row) => [row.skill_id, row]));
    return {
      ...published.graph,
      skills: published.graph.skills.map((skill) => {
        const row = latest.get(skill.skillId);
        return row ? { skillId: skill.skillId, name: row.name, ...(row.signals ? { signals: row.signals } : {}) } : skill;
      }),
    };
  }

  private async publishedGraph(manager: EntityManager, roadmapId: string, version: number): Promise<PublishedGraph> {
    const key = `${roadmapId}@${version}`;
    const cached = this.graphs.get(key);
    if (cached) return cached;
    const [row]: { graph: RoadmapGraph; published_at: Date }[] = await manager.query('SELECT graph, published_at FROM roadmap_versions WHERE roadmap_id = $1 AND version = $2', [
      roadmapId,
      version,
    ]);
    if (!row) throw new Error(`roadmap ${key} is referenced but was never recorded`);
    const published = { graph: row.graph, publishedAt: row.published_at };
    this.graphs.set(key, published);
    return published;
  }
}
