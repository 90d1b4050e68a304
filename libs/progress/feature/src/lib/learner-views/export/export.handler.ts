import { Injectable } from '@nestjs/common';
import { RoadmapStructure } from '@pathwise/progress/domain';
import { ProgressReadRepository } from '../../projections/progress-read.repository';

export interface ExportedSkill {
  readonly roadmapId: string;
  readonly roadmapVersion: number;
  /** Null for a skill a later roadmap version archived. */
  readonly stageId: string | null;
  readonly skillId: string;
  readonly status: string;
  readonly counted: boolean;
  readonly changedAt: string;
  readonly knownSource: string | null;
  readonly evidenceRef: string | null;
}

export interface ProgressExport {
  readonly learnerId: string;
  readonly exportedAt: string;
  readonly enrollments: readonly {
    readonly roadmapId: string;
    readonly roadmapTitle: string | null;
    readonly roadmapVersion: number;
    readonly enrolledAt: string;
    readonly completedAt: string | null;
    readonly unenrolledAt: string | null;
    readonly done: number;
    readonly total: number;
    readonly skills: readonly ExportedSkill[];
  }[];
}

const CSV_COLUMNS: readonly (keyof ExportedSkill)[] = ['roadmapId', 'roadmapVersion', 'stageId', 'skillId', 'status', 'counted', 'changedAt', 'knownSource', 'evidenceRef'];

/** The learner's own progress, every skill of every enrollment (archived ones marked), as JSON or CSV. */
@Injectable()
export class ExportProgressHandler {
  constructor(private readonly reads: ProgressReadRepository) {}

  async execute(learnerId: string, now: Date): Promise<ProgressExport> {
    const rows = await this.reads.enrollmentsOf(learnerId);
    return {
      learnerId,
      exportedAt: now.toISOString(),
      enrollments: rows.map(({ state, summary, roadmapTitle }) => {
        const structure = RoadmapStructure.of(state.structure);
        return {
          roadmapId: state.roadmapId,
          roadmapTitle,
          roadmapVersion: state.roadmapVersion,
          enrolledAt: state.enrolledAt,
          completedAt: state.completedAt,
          unenrolledAt: state.unenrolledAt,
          done: summary.overall.done,
          total: summary.overall.total,
          skills: state.skills.map((skill) => ({
            roadmapId: state.roadmapId,
            roadmapVersion: state.roadmapVersion,
            stageId: structure.stageOf(skill.skillId) ?? null,
            skillId: skill.skillId,
            status: skill.status,
            counted: structure.contains(skill.skillId),
            changedAt: skill.changedAt,
            knownSource: skill.knownSource ?? null,
            evidenceRef: skill.evidenceRef ?? null,
          })),
        };
      }),
    };
  }
}

/** RFC 4180 CSV, one row per skill. */
export function toCsv(progress: ProgressExport): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const enrollment of progress.enrollments) {
    for (const skill of enrollment.skills) lines.push(CSV_COLUMNS.map((column) => csvCell(skill[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  // OWASP CSV injection: a cell a spreadsheet would run as a formula is prefixed with a quote.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
