import { Injectable } from '@nestjs/common';
import type { EnrollmentState, EnrollmentSummary } from '@pathwise/progress/domain';
import { DataSource } from 'typeorm';
import type { EnrollmentView } from '../enrollments/enrollment.response';

export interface EnrollmentProgressRow extends EnrollmentView {
  readonly roadmapTitle: string | null;
  readonly lastActivityAt: string;
}

export interface TimelineEntry {
  readonly position: string;
  readonly roadmapId: string;
  readonly version: number;
  readonly type: string;
  readonly skillId: string | null;
  readonly data: Record<string, unknown>;
  readonly occurredAt: string;
}

interface ProgressRow {
  stream_id: string;
  version: number;
  state: EnrollmentState;
  summary: EnrollmentSummary;
  title: string | null;
  last_activity_at: Date;
}

// A learner's enrollments with the catalog title; callers add the ordering or a roadmap filter.
const ENROLLMENTS_OF_LEARNER_SQL = `SELECT p.stream_id, p.version, p.state, p.summary, r.title, p.last_activity_at FROM enrollment_progress p
    LEFT JOIN catalog_roadmaps r ON r.roadmap_id = p.roadmap_id
   WHERE p.learner_id = $1`;

/**
 * The query side: reads only the read models (and the catalog copy for titles). Every query is
 * scoped by the learner id from the verified token, so another learner's rows are unreachable.
 */
@Injectable()
export class ProgressReadRepository {
  constructor(private readonly dataSource: DataSource) {}

  async enrollmentsOf(learnerId: string): Promise<EnrollmentProgressRow[]> {
    const rows: ProgressRow[] = await this.dataSource.query(`${ENROLLMENTS_OF_LEARNER_SQL} ORDER BY p.enrolled_at, p.roadmap_id`, [learnerId]);
    return rows.map(toView);
  }

  async enrollmentOf(learnerId: string, roadmapId: string): Promise<EnrollmentProgressRow | undefined> {
    const rows: ProgressRow[] = await this.dataSource.query(`${ENROLLMENTS_OF_LEARNER_SQL} AND p.roadmap_id = $2`, [learnerId, roadmapId]);
    return rows[0] ? toView(rows[0]) : undefined;
  }

  /** Newest first; `before` is the position of the last entry of the previous page. */
  async timelineOf(learnerId: string, options: { roadmapId?: string; before?: string; limit: number }): Promise<TimelineEntry[]> {
    const rows: { position: string; roadmap_id: string; version: number; type: string; skill_id: string | null; data: Record<string, unknown>; occurred_at: Date }[] =
      await this.dataSource.query(
        `SELECT position, roadmap_id, version, type, skill_id, data, occurred_at FROM progress_timeline
          WHERE learner_id = $1 AND ($2::text IS NULL OR roadmap_id = $2) AND ($3::bigint IS NULL OR position < $3)
          ORDER BY position DESC LIMIT $4`,
        [learnerId, options.roadmapId ?? null, options.before ?? null, options.limit],
      );
    return rows.map((row) => ({
      position: row.position,
      roadmapId: row.roadmap_id,
      version: row.version,
      type: row.type,
      skillId: row.skill_id,
      data: row.data,
      occurredAt: row.occurred_at.toISOString(),
    }));
  }

  /** Local calendar days (`YYYY-MM-DD` in `timeZone`) on which the learner started or completed a skill. */
  async activeDaysOf(learnerId: string, timeZone: string): Promise<string[]> {
    const rows: { day: string }[] = await this.dataSource.query(
      `SELECT DISTINCT to_char(occurred_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day FROM progress_timeline
        WHERE learner_id = $1 AND type IN ('SkillStarted', 'SkillCompleted')`,
      [learnerId, timeZone],
    );
    return rows.map((row) => row.day);
  }
}

function toView(row: ProgressRow): EnrollmentProgressRow {
  return {
    enrollmentId: row.stream_id,
    version: row.version,
    state: row.state,
    summary: row.summary,
    roadmapTitle: row.title,
    lastActivityAt: row.last_activity_at.toISOString(),
  };
}
