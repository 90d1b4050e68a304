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

/**
 * Optimistic concurrency: the command expected the stream at one version and it is (or, at the
 * append, turned out to be) at another. Never resolved by overwriting; the client reloads and retries.
 */
export class EnrollmentVersionConflictError extends DomainError {
  readonly code = 'PROGRESS.VERSION_CONFLICT';
  readonly kind = 'conflict';

  constructor(expectedVersion: number, currentVersion?: number) {
    super(
      'The enrollment changed since the version this command expected; reload it and retry',
      currentVersion === undefined ? { expectedVersion } : { expectedVersion, currentVersion },
    );
  }
}

export class RoadmapNotFoundError extends DomainError {
  readonly code = 'PROGRESS.ROADMAP_NOT_FOUND';
  readonly kind = 'not-found';

  constructor(roadmapId: string) {
    super('No published roadmap has this id', { roadmapId });
  }
}

export class RoadmapRetiredError extends DomainError {
  readonly code = 'PROGRESS.ROADMAP_RETIRED';
  readonly kind = 'conflict';

  constructor(roadmapId: string) {
    super('The roadmap is retired and takes no new enrollments', { roadmapId });
  }
}
