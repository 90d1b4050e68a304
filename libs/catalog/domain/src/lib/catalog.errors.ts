import { DomainError } from '@pathwise/shared/domain';

// Details never echo raw input: a rejected URL may carry credentials, and any text may be huge.

export class InvalidSlug extends DomainError {
  readonly code = 'CATALOG.INVALID_SLUG';
  readonly kind = 'invalid' as const;

  constructor(field: string) {
    super(`${field} must be a lowercase kebab-case slug of at most 64 characters`, { field });
  }
}

export class InvalidField extends DomainError {
  readonly code = 'CATALOG.INVALID_FIELD';
  readonly kind = 'invalid' as const;

  constructor(field: string, reason: string) {
    super(`${field} ${reason}`, { field, reason });
  }
}

export type ResourceUrlRejection = 'malformed' | 'too-long' | 'scheme-not-allowed' | 'credentials' | 'ip-address' | 'internal-host';

export class InvalidResourceUrl extends DomainError {
  readonly code = 'CATALOG.INVALID_RESOURCE_URL';
  readonly kind = 'invalid' as const;

  constructor(readonly reason: ResourceUrlRejection) {
    super(`Resource URL rejected: ${reason}`, { reason });
  }
}

export class StaleRevision extends DomainError {
  readonly code = 'CATALOG.STALE_REVISION';
  readonly kind = 'conflict' as const;

  constructor(aggregateId: string, expected: number, actual: number) {
    super(`${aggregateId} is at revision ${actual}, not ${expected}; reload and retry`, { aggregateId, expected, actual });
  }
}

export class RoadmapNotDraft extends DomainError {
  readonly code = 'CATALOG.ROADMAP_NOT_DRAFT';
  readonly kind = 'conflict' as const;

  constructor(roadmapId: string) {
    super(`${roadmapId} has no draft to publish`, { roadmapId });
  }
}

export class DraftUnchanged extends DomainError {
  readonly code = 'CATALOG.DRAFT_UNCHANGED';
  readonly kind = 'conflict' as const;

  constructor(roadmapId: string, version: number) {
    super(`The draft of ${roadmapId} is identical to published version ${version}`, { roadmapId, version });
  }
}

export class RoadmapIsRetired extends DomainError {
  readonly code = 'CATALOG.ROADMAP_RETIRED';
  readonly kind = 'conflict' as const;

  constructor(roadmapId: string) {
    super(`${roadmapId} is retired and can no longer change`, { roadmapId });
  }
}

export class RoadmapNotPublished extends DomainError {
  readonly code = 'CATALOG.ROADMAP_NOT_PUBLISHED';
  readonly kind = 'conflict' as const;

  constructor(roadmapId: string) {
    super(`${roadmapId} was never published`, { roadmapId });
  }
}

/** The draft is not publishable as it stands (409: the request is fine, the draft's state is not). */
export class RoadmapHasNoStages extends DomainError {
  readonly code = 'CATALOG.ROADMAP_HAS_NO_STAGES';
  readonly kind = 'conflict' as const;

  constructor(roadmapId: string) {
    super(`${roadmapId} needs at least one stage before it can be published`, { roadmapId });
  }
}

export class EmptyStages extends DomainError {
  readonly code = 'CATALOG.EMPTY_STAGE';
  readonly kind = 'conflict' as const;

  constructor(roadmapId: string, stageIds: readonly string[]) {
    super(`Every stage of ${roadmapId} needs at least one skill`, { roadmapId, stageIds });
  }
}

export class PrerequisiteOutsideRoadmap extends DomainError {
  readonly code = 'CATALOG.PREREQUISITE_OUTSIDE_ROADMAP';
  readonly kind = 'conflict' as const;

  constructor(roadmapId: string, edges: readonly { from: string; to: string }[]) {
    super(`Prerequisites of ${roadmapId} may only link skills placed in it`, { roadmapId, edges });
  }
}

export class PrerequisiteCycle extends DomainError {
  readonly code = 'CATALOG.PREREQUISITE_CYCLE';
  readonly kind = 'conflict' as const;

  /** `cycle` is a closed path: each entry requires the next, and the last equals the first. */
  constructor(readonly cycle: readonly string[]) {
    super(`Prerequisites would form a cycle: ${cycle.join(' → ')}`, { cycle });
  }
}

export class SelfPrerequisite extends DomainError {
  readonly code = 'CATALOG.SELF_PREREQUISITE';
  readonly kind = 'invalid' as const;

  constructor(skillId: string) {
    super(`${skillId} cannot require itself`, { skillId, cycle: [skillId, skillId] });
  }
}

export class DuplicateStage extends DomainError {
  readonly code = 'CATALOG.DUPLICATE_STAGE';
  readonly kind = 'conflict' as const;

  constructor(stageId: string) {
    super(`Stage ${stageId} already exists in this roadmap`, { stageId });
  }
}

export class StageNotFound extends DomainError {
  readonly code = 'CATALOG.STAGE_NOT_FOUND';
  readonly kind = 'not-found' as const;

  constructor(stageId: string) {
    super(`Stage ${stageId} is not part of this roadmap`, { stageId });
  }
}

export class DuplicateSkillInRoadmap extends DomainError {
  readonly code = 'CATALOG.DUPLICATE_SKILL_IN_ROADMAP';
  readonly kind = 'conflict' as const;

  constructor(skillId: string, stageId: string) {
    super(`${skillId} already appears in stage ${stageId}; a skill appears once per roadmap`, { skillId, stageId });
  }
}

export class SkillNotInRoadmap extends DomainError {
  readonly code = 'CATALOG.SKILL_NOT_IN_ROADMAP';
  readonly kind = 'not-found' as const;

  constructor(skillId: string) {
    super(`${skillId} is not part of this roadmap`, { skillId });
  }
}

/** The order names other ids than the draft has now: the request is well-formed, the draft's state decides (409). */
export class InvalidOrder extends DomainError {
  readonly code = 'CATALOG.INVALID_ORDER';
  readonly kind = 'conflict' as const;

  constructor(problems: { unknown: readonly string[]; missing: readonly string[]; repeated: readonly string[] }) {
    super('A new order must list every current id exactly once', problems);
  }
}

export class DuplicateResource extends DomainError {
  readonly code = 'CATALOG.DUPLICATE_RESOURCE';
  readonly kind = 'conflict' as const;

  constructor(skillId: string, url: string) {
    super(`${skillId} already links to ${url}`, { skillId, url });
  }
}

export class ResourceNotFound extends DomainError {
  readonly code = 'CATALOG.RESOURCE_NOT_FOUND';
  readonly kind = 'not-found' as const;

  constructor(skillId: string, url: string) {
    super(`${skillId} has no resource at ${url}`, { skillId, url });
  }
}

export class RoadmapNotFound extends DomainError {
  readonly code = 'CATALOG.ROADMAP_NOT_FOUND';
  readonly kind = 'not-found' as const;

  constructor(slug: string, version?: number) {
    super(version === undefined ? `No roadmap ${slug}` : `Roadmap ${slug} has no published version ${version}`, { slug, ...(version === undefined ? {} : { version }) });
  }
}

export class RoadmapAlreadyExists extends DomainError {
  readonly code = 'CATALOG.ROADMAP_EXISTS';
  readonly kind = 'conflict' as const;

  constructor(slug: string) {
    super(`A roadmap with slug ${slug} already exists`, { slug });
  }
}

export class SkillNotFound extends DomainError {
  readonly code = 'CATALOG.SKILL_NOT_FOUND';
  readonly kind = 'not-found' as const;

  constructor(skillId: string) {
    super(`No skill ${skillId}`, { skillId });
  }
}

export class SkillAlreadyExists extends DomainError {
  readonly code = 'CATALOG.SKILL_EXISTS';
  readonly kind = 'conflict' as const;

  constructor(skillId: string) {
    super(`Skill ${skillId} already exists`, { skillId });
  }
}
