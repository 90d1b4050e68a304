export type SkillStatus = 'pending' | 'in-progress' | 'completed' | 'skipped' | 'known';

/** A learner's status per stable skill id, across all enrollments; a missing id means pending. */
export type LearnerSkills = ReadonlyMap<string, SkillStatus>;

/** Statuses the recommender can still suggest: the learner has not finished or set the skill aside. */
export type OpenStatus = 'pending' | 'in-progress';

// Highest first. Completed outranks known because it is evidence of the learner's own work on
// this platform; skipped outranks pending because it is a decision the learner made.
const PRECEDENCE: readonly SkillStatus[] = ['completed', 'known', 'in-progress', 'skipped', 'pending'];

/**
 * The learner's one status for a skill that several enrollments report differently. Events of
 * different enrollments arrive in no guaranteed order, so the answer is a fixed precedence
 * (completed > known > in-progress > skipped > pending) and never "the latest one seen".
 */
export function mergeSkillStatuses(statuses: Iterable<SkillStatus>): SkillStatus {
  let best = PRECEDENCE.length - 1;
  for (const status of statuses) best = Math.min(best, PRECEDENCE.indexOf(status));
  return PRECEDENCE[best];
}

export function statusOf(learner: LearnerSkills, skillId: string): SkillStatus {
  return learner.get(skillId) ?? 'pending';
}

/** Completed or known: the only statuses that satisfy a prerequisite (skipping does not). */
export function isDone(status: SkillStatus): boolean {
  return status === 'completed' || status === 'known';
}

export function isOpen(status: SkillStatus): status is OpenStatus {
  return status === 'pending' || status === 'in-progress';
}
