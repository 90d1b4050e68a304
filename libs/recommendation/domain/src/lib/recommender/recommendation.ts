import { explain, type Reason } from './reasons';
import type { PlacedSkill, SkillPriority, Unlocks } from './roadmap-graph';
import type { OpenStatus } from './skill-status';

export interface Recommendation {
  readonly skillId: string;
  readonly name: string;
  readonly stageId: string;
  readonly stageTitle: string;
  readonly priority: SkillPriority;
  /** Skipped appears only on a goal path: skipping does not satisfy a prerequisite. */
  readonly status: OpenStatus | 'skipped';
  /** 1-based: the place in `ready`, or the step number on a goal path. */
  readonly rank: number;
  readonly unlocks: Unlocks;
  readonly reasons: readonly Reason[];
  /** One English sentence rendered from `reasons` alone. */
  readonly explanation: string;
}

/**
 * Reasons in a fixed order: goal, status, prerequisites, then the learner-independent ones
 * (priority, stage, unlocks, importance, market demand, automation risk).
 */
export function recommendation(
  skill: PlacedSkill,
  status: Recommendation['status'],
  rank: number,
  prerequisites: Reason,
  goal?: Reason,
): Recommendation {
  const reasons: Reason[] = [];
  if (goal !== undefined) reasons.push(goal);
  if (status === 'in-progress') reasons.push({ code: 'IN_PROGRESS', values: {} });
  if (status === 'skipped') reasons.push({ code: 'SKIPPED', values: {} });
  reasons.push(prerequisites, ...skill.staticReasons);
  return {
    skillId: skill.skillId,
    name: skill.name,
    stageId: skill.stageId,
    stageTitle: skill.stageTitle,
    priority: skill.priority,
    status,
    rank,
    unlocks: skill.unlocks,
    reasons,
    explanation: explain(reasons),
  };
}

/** PREREQUISITES_MET or NO_PREREQUISITES for a skill whose prerequisites are all done. */
export function prerequisitesMet(skill: PlacedSkill): Reason {
  const total = skill.requires.length;
  return total === 0 ? { code: 'NO_PREREQUISITES', values: {} } : { code: 'PREREQUISITES_MET', values: { done: total, total } };
}
