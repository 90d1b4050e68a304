import { Injectable } from '@nestjs/common';
import { computeStreak, type ProgressCounts, type Streak } from '@pathwise/progress/domain';
import { DataSource } from 'typeorm';
import { LearnerProfileRepository } from '../../onboarding/learner-profile/learner-profile.repository';
import { ProgressReadRepository } from '../../projections/progress-read.repository';

export interface DashboardEntry {
  readonly roadmapId: string;
  readonly roadmapTitle: string | null;
  readonly roadmapVersion: number;
  readonly overall: ProgressCounts;
  readonly completedAt: string | null;
  readonly closed: boolean;
  readonly lastActivityAt: string;
}

export interface Dashboard {
  readonly timeZone: string;
  readonly enrollments: readonly DashboardEntry[];
  readonly totals: { readonly activeEnrollments: number; readonly completedRoadmaps: number; readonly distinctSkillsDone: number };
  readonly streak: Streak;
}

/** The learner across roadmaps: counts per enrollment, totals and the streak in their time zone. */
@Injectable()
export class DashboardHandler {
  constructor(
    private readonly reads: ProgressReadRepository,
    private readonly profiles: LearnerProfileRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** Without a time zone in the query, the learner's profile decides, else UTC. */
  async execute(learnerId: string, requestedTimeZone: string | undefined, now: Date): Promise<Dashboard> {
    const timeZone = requestedTimeZone ?? (await this.profiles.find(this.dataSource.manager, learnerId))?.timeZone ?? 'UTC';
    const [rows, activeDays] = await Promise.all([this.reads.enrollmentsOf(learnerId), this.reads.activeDaysOf(learnerId, timeZone)]);
    const open = rows.filter((row) => row.state.unenrolledAt === null);
    // A skill shared by two roadmaps is one skill learned: counted once across the dashboard.
    const skillsDone = new Set(open.flatMap((row) => row.summary.stages.flatMap((stage) => stage.skills.filter((skill) => skill.status === 'completed').map((skill) => skill.skillId))));
    return {
      timeZone,
      enrollments: rows.map((row) => ({
        roadmapId: row.state.roadmapId,
        roadmapTitle: row.roadmapTitle,
        roadmapVersion: row.state.roadmapVersion,
        overall: row.summary.overall,
        completedAt: row.state.completedAt,
        closed: row.state.unenrolledAt !== null,
        lastActivityAt: row.lastActivityAt,
      })),
      totals: { activeEnrollments: open.length, completedRoadmaps: open.filter((row) => row.state.completedAt !== null).length, distinctSkillsDone: skillsDone.size },
      streak: computeStreak(activeDays, localDay(now, timeZone)),
    };
  }
}

/** `YYYY-MM-DD` of `instant` on the wall calendar of `timeZone`. */
export function localDay(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
