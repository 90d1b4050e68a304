import type { SkillSnapshot } from './skill';
import type { SkillId } from './ids';

interface SkillEventFields {
  readonly aggregateId: SkillId;
  /** The skill's revision after the change; consumers drop anything not newer than what they hold. */
  readonly aggregateVersion: number;
  readonly occurredAt: string;
}

/**
 * Carries the whole skill so consumers can upsert their copy from this event alone. Creating a
 * skill records nothing: consumers first meet a skill in the `RoadmapPublished` that places it.
 */
export interface SkillUpdated extends SkillEventFields {
  readonly type: 'SkillUpdated';
  readonly skill: SkillSnapshot;
}

export type SkillEvent = SkillUpdated;
