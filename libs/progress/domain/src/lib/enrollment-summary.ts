import type { EnrollmentState } from './enrollment';
import type { SkillStatus } from './enrollment.events';

/** `done` counts completed skills only; known and skipped are reported apart and never inflate it. */
export interface ProgressCounts {
  readonly done: number;
  readonly known: number;
  readonly skipped: number;
  readonly inProgress: number;
  readonly pending: number;
  /** Skills of the current roadmap version; archived skills are not counted. */
  readonly total: number;
}

export interface SkillStatusView {
  readonly skillId: string;
  readonly status: SkillStatus;
}

export interface StageSummary extends ProgressCounts {
  readonly stageId: string;
  readonly skills: readonly SkillStatusView[];
}

export interface EnrollmentSummary {
  readonly roadmapVersion: number;
  readonly overall: ProgressCounts;
  readonly stages: readonly StageSummary[];
  /** Skills dropped by a later roadmap version, with the status they had; shown as history only. */
  readonly archivedSkills: readonly SkillStatusView[];
  /** When the roadmap was first completed; stays set even if a later version adds skills. */
  readonly roadmapCompletedAt: string | null;
  readonly closed: boolean;
}

const COUNTER: Readonly<Record<SkillStatus, keyof Omit<ProgressCounts, 'total'>>> = {
  completed: 'done',
  known: 'known',
  skipped: 'skipped',
  'in-progress': 'inProgress',
  pending: 'pending',
};

/** Per-stage and overall progress, e.g. "12 / 32 done" is `overall.done / overall.total`. */
export function summarizeEnrollment(state: EnrollmentState): EnrollmentSummary {
  const statusBySkill = new Map(state.skills.map((skill) => [skill.skillId, skill.status]));
  const statusOf = (skillId: string): SkillStatus => statusBySkill.get(skillId) ?? 'pending';

  const stages = state.structure.stages.map((stage) => {
    const skills = stage.skillIds.map((skillId) => ({ skillId, status: statusOf(skillId) }));
    return { stageId: stage.stageId, ...count(skills), skills };
  });
  const counted = new Set(stages.flatMap((stage) => stage.skills.map((skill) => skill.skillId)));

  return {
    roadmapVersion: state.roadmapVersion,
    overall: count(stages.flatMap((stage) => stage.skills)),
    stages,
    archivedSkills: state.skills.filter((skill) => !counted.has(skill.skillId)).map(({ skillId, status }) => ({ skillId, status })),
    roadmapCompletedAt: state.completedAt,
    closed: state.unenrolledAt !== null,
  };
}

function count(skills: readonly SkillStatusView[]): ProgressCounts {
  const counts = { done: 0, known: 0, skipped: 0, inProgress: 0, pending: 0 };
  for (const skill of skills) counts[COUNTER[skill.status]] += 1;
  return { ...counts, total: skills.length };
}
