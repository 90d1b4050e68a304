import type {
  EnrollmentEvent,
  KnownSource,
  SkillCompleted,
  SkillMarkedKnown,
  SkillReset,
  SkillSkipped,
  SkillStarted,
  SkillStatus,
} from './enrollment.events';

/** The events that set one skill's status. */
export type SkillStatusEvent = SkillStarted | SkillCompleted | SkillSkipped | SkillReset | SkillMarkedKnown;

/** The status each skill event sets: one mapping for replay and for the changes the aggregate reports. */
export const STATUS_SET_BY: Readonly<Record<SkillStatusEvent['type'], SkillStatus>> = {
  SkillStarted: 'in-progress',
  SkillCompleted: 'completed',
  SkillSkipped: 'skipped',
  SkillReset: 'pending',
  SkillMarkedKnown: 'known',
};

export function isSkillStatusEvent(event: EnrollmentEvent): event is SkillStatusEvent {
  // Own keys only: a corrupt row typed `toString` must stay an unknown event, not an inherited key.
  return Object.hasOwn(STATUS_SET_BY, event.type);
}

/**
 * One skill status change a recorded event makes, with the status it replaced — what
 * `SkillStatusChanged` publishes. Only `SkillReset` stores its previous status in the event data,
 * so the aggregate keeps these beside its pending events (never in the stored data).
 */
export interface SkillStatusChange {
  /** Stream version of the event that made the change. */
  readonly version: number;
  readonly skillId: string;
  readonly status: SkillStatus;
  readonly previousStatus: SkillStatus;
  readonly source?: KnownSource;
  readonly changedAt: string;
}
