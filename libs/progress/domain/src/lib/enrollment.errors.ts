import { DomainError } from '@pathwise/shared/domain';

// `details` is spread into the RFC 9457 problem body, so keys must not shadow its members
// (type, title, status, detail, instance, code).

export class InvalidRoadmapStructureError extends DomainError {
  readonly code = 'PROGRESS.INVALID_ROADMAP_STRUCTURE';
  readonly kind = 'invalid';

  constructor(reason: string, details: Readonly<Record<string, unknown>> = {}) {
    super(`The roadmap structure is invalid: ${reason}`, details);
  }
}

export class InvalidCommandError extends DomainError {
  readonly code = 'PROGRESS.INVALID_COMMAND';
  readonly kind = 'invalid';

  constructor(reason: string, details: Readonly<Record<string, unknown>> = {}) {
    super(`The progress command is invalid: ${reason}`, details);
  }
}

export class EnrollmentNotFoundError extends DomainError {
  readonly code = 'PROGRESS.ENROLLMENT_NOT_FOUND';
  readonly kind = 'not-found';

  constructor() {
    super('The learner is not enrolled in this roadmap');
  }
}

export class AlreadyEnrolledError extends DomainError {
  readonly code = 'PROGRESS.ALREADY_ENROLLED';
  readonly kind = 'conflict';

  constructor(learnerId: string, roadmapId: string) {
    super('The learner is already enrolled in this roadmap', { learnerId, roadmapId });
  }
}

export class EnrollmentClosedError extends DomainError {
  readonly code = 'PROGRESS.ENROLLMENT_CLOSED';
  readonly kind = 'conflict';

  constructor(learnerId: string, roadmapId: string) {
    super('The learner has unenrolled from this roadmap', { learnerId, roadmapId });
  }
}

export class SkillNotInRoadmapError extends DomainError {
  readonly code = 'PROGRESS.SKILL_NOT_IN_ROADMAP';
  readonly kind = 'invalid';

  constructor(skillId: string, roadmapId: string, roadmapVersion: number) {
    super('The skill is not part of the current version of this roadmap', { skillId, roadmapId, roadmapVersion });
  }
}

export class SkillTransitionNotAllowedError extends DomainError {
  readonly code = 'PROGRESS.SKILL_TRANSITION_NOT_ALLOWED';
  readonly kind = 'conflict';

  constructor(skillId: string, currentStatus: string, requestedStatus: string) {
    super(`A ${currentStatus} skill cannot become ${requestedStatus}; reset it first`, { skillId, currentStatus, requestedStatus });
  }
}

/**
 * The stored history cannot be replayed (gap in versions, event before `Enrolled`, unknown
 * snapshot schema). Deliberately not a DomainError: it is a fault of the store, not of the
 * request, and must surface as a logged 500.
 */
export class CorruptEnrollmentStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptEnrollmentStreamError';
  }
}
