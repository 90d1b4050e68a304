import { DomainError } from '@pathwise/shared/domain';

// `details` is spread into the RFC 9457 problem body, so keys must not shadow its members
// (type, title, status, detail, instance, code).

export class UnknownGoalSkillError extends DomainError {
  readonly code = 'RECOMMENDATION.UNKNOWN_SKILL';
  readonly kind = 'not-found';

  constructor(goalSkillId: string, roadmapId: string) {
    super('The goal is not a skill of this roadmap', { goalSkillId, roadmapId });
  }
}

export type GoalBlockReason = 'untaught-prerequisite' | 'prerequisite-cycle';

export class GoalUnreachableError extends DomainError {
  readonly code = 'RECOMMENDATION.GOAL_UNREACHABLE';
  readonly kind = 'invalid';

  constructor(goalSkillId: string, reason: GoalBlockReason, blockingSkillIds: readonly string[]) {
    super(
      reason === 'untaught-prerequisite'
        ? 'The goal needs prerequisites that this roadmap does not teach and the learner has not done'
        : 'The prerequisites on the way to the goal form a cycle',
      { goalSkillId, reason, blockingSkillIds: [...blockingSkillIds] },
    );
  }
}

export class InvalidRoadmapGraphError extends DomainError {
  readonly code = 'RECOMMENDATION.INVALID_ROADMAP_GRAPH';
  readonly kind = 'invalid';

  constructor(reason: string, details: Readonly<Record<string, unknown>> = {}) {
    super(`The roadmap graph is invalid: ${reason}`, details);
  }
}

export class InvalidLimitError extends DomainError {
  readonly code = 'RECOMMENDATION.INVALID_LIMIT';
  readonly kind = 'invalid';

  constructor(limit: unknown) {
    super('The limit must be a whole number of zero or more', { limit });
  }
}
