import {
  AlreadyEnrolledError,
  CorruptEnrollmentStreamError,
  EnrollmentClosedError,
  EnrollmentNotFoundError,
  InvalidCommandError,
  SkillNotInRoadmapError,
  SkillTransitionNotAllowedError,
} from './enrollment.errors';
import type { EnrollmentEvent, EnrollmentEventType, KnownSource, SkillStatus } from './enrollment.events';
import { RoadmapStructure, type RoadmapStructureData } from './roadmap-structure';
import { isSkillStatusEvent, STATUS_SET_BY, type SkillStatusChange, type SkillStatusEvent } from './status-changes';

export interface SkillProgress {
  readonly skillId: string;
  readonly status: SkillStatus;
  /** When the status last changed; for a pending skill, when it entered the roadmap. */
  readonly changedAt: string;
  readonly knownSource?: KnownSource;
  readonly evidenceRef?: string;
}

/** Everything replay knows about an enrollment, as plain JSON. */
export interface EnrollmentState {
  readonly learnerId: string;
  readonly roadmapId: string;
  readonly roadmapVersion: number;
  readonly structure: RoadmapStructureData;
  /** Every skill the enrollment has ever counted, in first-seen order; archived ones included. */
  readonly skills: readonly SkillProgress[];
  readonly enrolledAt: string;
  readonly completedAt: string | null;
  readonly unenrolledAt: string | null;
}

/** Bump when `EnrollmentState` changes shape; older snapshots are then ignored and the stream replayed. */
export const ENROLLMENT_SNAPSHOT_SCHEMA = 1;

export interface EnrollmentSnapshot {
  readonly schema: number;
  /** Stream version of the last event folded into `state`. */
  readonly version: number;
  readonly state: EnrollmentState;
}

export interface EnrollParams {
  readonly learnerId: string;
  readonly roadmapId: string;
  readonly roadmapVersion: number;
  readonly structure: RoadmapStructure;
}

export interface KnownEvidence {
  readonly source: KnownSource;
  /** Opaque pointer to what backs the claim, e.g. a resume analysis id and span. */
  readonly evidenceRef?: string;
}

/**
 * One stream per learner and roadmap. Ids are opaque and may contain `-` (uuids, slugs), so each
 * part is URI-encoded and joined with `:`, which encoding never emits: two pairs never share a stream.
 */
export function enrollmentStreamId(learnerId: string, roadmapId: string): string {
  requireId('learnerId', learnerId);
  requireId('roadmapId', roadmapId);
  return `enrollment:${encodeURIComponent(learnerId)}:${encodeURIComponent(roadmapId)}`;
}

type Move = 'record' | 'no-op' | 'reject';

// Rows: requested status; columns: current status. Completed and known are outcomes the learner
// reached; leaving them for a lower status takes an explicit reset, never a side effect.
// 'no-op' records nothing: sagas and consumers deliver commands at least once, and a retry must
// not append a duplicate event.
const TRANSITIONS: Readonly<Record<SkillStatus, Readonly<Record<SkillStatus, Move>>>> = {
  'in-progress': { pending: 'record', 'in-progress': 'no-op', skipped: 'record', completed: 'reject', known: 'reject' },
  completed: { pending: 'record', 'in-progress': 'record', skipped: 'record', completed: 'no-op', known: 'record' },
  skipped: { pending: 'record', 'in-progress': 'record', skipped: 'no-op', completed: 'reject', known: 'reject' },
  // A completed skill is already known; the onboarding saga replays resume skills over real
  // progress and must neither fail nor lower the done count.
  known: { pending: 'record', 'in-progress': 'record', skipped: 'record', completed: 'no-op', known: 'no-op' },
  pending: { pending: 'no-op', 'in-progress': 'record', skipped: 'record', completed: 'record', known: 'record' },
};

interface MutableSkill {
  status: SkillStatus;
  changedAt: string;
  knownSource?: KnownSource;
  evidenceRef?: string;
}

interface Current {
  learnerId: string;
  roadmapId: string;
  roadmapVersion: number;
  structure: RoadmapStructure;
  skills: Map<string, MutableSkill>;
  enrolledAt: string;
  completedAt: string | null;
  unenrolledAt: string | null;
}

type EventData<T extends EnrollmentEventType> = Extract<EnrollmentEvent, { type: T }>['data'];

/**
 * Event-sourced progress of one learner through one roadmap. Load it with `fromEvents` or
 * `fromSnapshot` (an empty stream gives an enrollment that does not exist yet), run commands,
 * then persist `pendingEvents` expecting `committedVersion` and call `markCommitted`.
 */
export class Enrollment {
  private current: Current | undefined;
  private streamVersion = 0;
  private pending: EnrollmentEvent[] = [];
  // Kept beside the pending events, not in their data: the stored events stay as they are, and
  // consumers still learn the status each change replaced without anyone replaying to find it.
  private pendingChanges: SkillStatusChange[] = [];

  private constructor() {}

  static fromEvents(events: readonly EnrollmentEvent[]): Enrollment {
    const enrollment = new Enrollment();
    for (const event of events) enrollment.replay(event);
    return enrollment;
  }

  static fromSnapshot(snapshot: EnrollmentSnapshot, laterEvents: readonly EnrollmentEvent[]): Enrollment {
    if (snapshot.schema !== ENROLLMENT_SNAPSHOT_SCHEMA) {
      throw new CorruptEnrollmentStreamError(`snapshot schema ${snapshot.schema} is not ${ENROLLMENT_SNAPSHOT_SCHEMA}`);
    }
    if (!Number.isInteger(snapshot.version) || snapshot.version < 1) {
      throw new CorruptEnrollmentStreamError(`snapshot version ${snapshot.version} is not a stream position`);
    }
    const enrollment = new Enrollment();
    enrollment.current = restore(snapshot.state);
    enrollment.streamVersion = snapshot.version;
    for (const event of laterEvents) enrollment.replay(event);
    return enrollment;
  }

  /** False until `Enrolled` is in the stream. */
  get exists(): boolean {
    return this.current !== undefined;
  }

  get id(): string {
    const current = this.existing();
    return enrollmentStreamId(current.learnerId, current.roadmapId);
  }

  /** Number of events in the stream, pending ones included. */
  get version(): number {
    return this.streamVersion;
  }

  /** The version the store must still be at when the pending events are appended. */
  get committedVersion(): number {
    return this.streamVersion - this.pending.length;
  }

  get pendingEvents(): readonly EnrollmentEvent[] {
    return [...this.pending];
  }

  /** The skill status changes the pending events make, in order, each with the status it replaced. */
  get pendingStatusChanges(): readonly SkillStatusChange[] {
    return [...this.pendingChanges];
  }

  markCommitted(): void {
    this.pending = [];
    this.pendingChanges = [];
  }

  get state(): EnrollmentState {
    const current = this.existing();
    return {
      learnerId: current.learnerId,
      roadmapId: current.roadmapId,
      roadmapVersion: current.roadmapVersion,
      structure: current.structure.toData(),
      skills: [...current.skills].map(([skillId, skill]) => ({ skillId, ...skill })),
      enrolledAt: current.enrolledAt,
      completedAt: current.completedAt,
      unenrolledAt: current.unenrolledAt,
    };
  }

  /** True once `Unenrolled` is in the stream; cheaper than reading `state` for it. */
  get closed(): boolean {
    return this.existing().unenrolledAt !== null;
  }

  /** Status of any skill the enrollment has seen, archived ones included. */
  statusOf(skillId: string): SkillStatus | undefined {
    return this.existing().skills.get(skillId)?.status;
  }

  /** Whether the current roadmap version counts the skill (archived skills are not counted). */
  countsSkill(skillId: string): boolean {
    return this.existing().structure.contains(skillId);
  }

  toSnapshot(): EnrollmentSnapshot {
    return { schema: ENROLLMENT_SNAPSHOT_SCHEMA, version: this.streamVersion, state: this.state };
  }

  enroll(params: EnrollParams, now: Date): void {
    if (this.current) {
      if (this.current.unenrolledAt !== null) throw new EnrollmentClosedError(this.current.learnerId, this.current.roadmapId);
      throw new AlreadyEnrolledError(this.current.learnerId, this.current.roadmapId);
    }
    requireId('learnerId', params.learnerId);
    requireId('roadmapId', params.roadmapId);
    requireRoadmapVersion(params.roadmapVersion);
    this.record(
      'Enrolled',
      {
        learnerId: params.learnerId,
        roadmapId: params.roadmapId,
        roadmapVersion: params.roadmapVersion,
        structure: params.structure.toData(),
      },
      now,
    );
  }

  startSkill(skillId: string, now: Date): void {
    if (this.moveSkill(skillId, 'in-progress')) this.record('SkillStarted', { skillId }, now);
  }

  completeSkill(skillId: string, now: Date): void {
    if (!this.moveSkill(skillId, 'completed')) return;
    this.record('SkillCompleted', { skillId }, now);
    this.recordCompletionIfReached(now);
  }

  skipSkill(skillId: string, now: Date): void {
    if (this.moveSkill(skillId, 'skipped')) this.record('SkillSkipped', { skillId }, now);
  }

  markSkillKnown(skillId: string, evidence: KnownEvidence, now: Date): void {
    requireKnownEvidence(evidence);
    const skill = this.skillInRoadmap(skillId);
    // Known again with the same provenance is a retry; new provenance is recorded so the latest evidence wins.
    const isNewProvenance =
      skill.status === 'known' && (skill.knownSource !== evidence.source || skill.evidenceRef !== evidence.evidenceRef);
    if (!this.moveSkill(skillId, 'known') && !isNewProvenance) return;
    const { source, evidenceRef } = evidence;
    this.record('SkillMarkedKnown', evidenceRef === undefined ? { skillId, source } : { skillId, source, evidenceRef }, now);
  }

  /**
   * Onboarding: the skill becomes known unless the learner already reached it (completed or
   * known, kept as is). Returns the status it replaced, or undefined when nothing was recorded.
   */
  markSkillKnownUnlessReached(skillId: string, evidence: KnownEvidence, now: Date): SkillStatus | undefined {
    const previousStatus = this.skillInRoadmap(skillId).status;
    if (previousStatus === 'completed' || previousStatus === 'known') return undefined;
    this.markSkillKnown(skillId, evidence, now);
    return previousStatus;
  }

  /**
   * Undoes `markSkillKnownUnlessReached`: only while the skill is still known from `source`. Every
   * later status event (a start, a reset, a learner's own claim) clears that source, so a change the
   * learner made since is never overwritten. Returns whether the skill was put back.
   */
  revertKnownSkill(skillId: string, previousStatus: Exclude<SkillStatus, 'completed' | 'known'>, source: KnownSource, now: Date): boolean {
    const skill = this.skillInRoadmap(skillId);
    if (skill.status !== 'known' || skill.knownSource !== source) return false;
    // Known only leaves through a reset (the transition table); the previous status is then re-entered.
    this.resetSkill(skillId, now);
    if (previousStatus === 'in-progress') this.startSkill(skillId, now);
    if (previousStatus === 'skipped') this.skipSkill(skillId, now);
    return true;
  }

  resetSkill(skillId: string, now: Date): void {
    const previousStatus = this.skillInRoadmap(skillId).status;
    if (!this.moveSkill(skillId, 'pending')) return;
    this.record('SkillReset', { skillId, previousStatus: previousStatus as Exclude<SkillStatus, 'pending'> }, now);
  }

  /**
   * Moves the enrollment to a newly published roadmap version. Progress is keyed by stable skill
   * id: kept skills keep their status, new ones start pending, dropped ones are archived (kept,
   * not counted) and regain their status if a later version brings them back.
   */
  adoptRoadmapVersion(roadmapVersion: number, structure: RoadmapStructure, now: Date): void {
    const current = this.open();
    requireRoadmapVersion(roadmapVersion);
    // Catalog events arrive at least once and a DLQ redrive can replay an old one: a version that
    // is not newer than ours is already superseded.
    if (roadmapVersion <= current.roadmapVersion) return;
    this.record(
      'RoadmapVersionAdopted',
      {
        roadmapVersion,
        structure: structure.toData(),
        addedSkillIds: structure.skillIds.filter((skillId) => !current.structure.contains(skillId)),
        archivedSkillIds: current.structure.skillIds.filter((skillId) => !structure.contains(skillId)),
      },
      now,
    );
    this.recordCompletionIfReached(now);
  }

  unenroll(now: Date): void {
    const current = this.existing();
    // Unenroll is the onboarding saga's compensation for enroll, and compensations must be idempotent.
    if (current.unenrolledAt !== null) return;
    this.record('Unenrolled', {}, now);
  }

  /** Returns whether the transition must be recorded; throws when it is not allowed. */
  private moveSkill(skillId: string, requested: SkillStatus): boolean {
    const from = this.skillInRoadmap(skillId).status;
    const move = TRANSITIONS[requested][from];
    if (move === 'reject') throw new SkillTransitionNotAllowedError(skillId, from, requested);
    return move === 'record';
  }

  private skillInRoadmap(skillId: string): MutableSkill {
    const current = this.open();
    const skill = current.structure.contains(skillId) ? current.skills.get(skillId) : undefined;
    if (!skill) throw new SkillNotInRoadmapError(skillId, current.roadmapId, current.roadmapVersion);
    return skill;
  }

  // Completion counts only completed skills of the current version: skipped and known are shown
  // apart and never inflate it. It is a historical fact, recorded once; a later version adding
  // skills, or a reset, shows up in the summary but does not revoke or repeat it.
  private recordCompletionIfReached(now: Date): void {
    const current = this.existing();
    if (current.completedAt !== null) return;
    const counted = current.structure.skillIds;
    if (!counted.every((skillId) => current.skills.get(skillId)?.status === 'completed')) return;
    this.record('RoadmapCompleted', { roadmapVersion: current.roadmapVersion, completedSkills: counted.length }, now);
  }

  private existing(): Current {
    if (!this.current) throw new EnrollmentNotFoundError();
    return this.current;
  }

  private open(): Current {
    const current = this.existing();
    if (current.unenrolledAt !== null) throw new EnrollmentClosedError(current.learnerId, current.roadmapId);
    return current;
  }

  private record<T extends EnrollmentEventType>(type: T, data: EventData<T>, now: Date): void {
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
      throw new InvalidCommandError('now must be a valid date', { field: 'now' });
    }
    const event = { type, version: this.streamVersion + 1, occurredAt: now.toISOString(), data } as EnrollmentEvent;
    // Taken before `apply` overwrites the status it replaces.
    const change = isSkillStatusEvent(event) ? this.statusChangeOf(event) : undefined;
    this.apply(event);
    this.pending.push(event);
    if (change) this.pendingChanges.push(change);
  }

  private statusChangeOf(event: SkillStatusEvent): SkillStatusChange {
    const { skillId } = event.data;
    return {
      version: event.version,
      skillId,
      status: STATUS_SET_BY[event.type],
      // Every command that records a status event has already found the skill in the roadmap.
      previousStatus: this.skillInRoadmap(skillId).status,
      ...(event.type === 'SkillMarkedKnown' ? { source: event.data.source } : {}),
      changedAt: event.occurredAt,
    };
  }

  private replay(event: EnrollmentEvent): void {
    if (event.version !== this.streamVersion + 1) {
      throw new CorruptEnrollmentStreamError(`expected event version ${this.streamVersion + 1}, got ${event.version}`);
    }
    this.apply(event);
  }

  // Applies a fact that already happened: no business rule is checked here, only that the
  // history is readable.
  private apply(event: EnrollmentEvent): void {
    if (event.type === 'Enrolled') {
      if (this.current) throw new CorruptEnrollmentStreamError(`a second Enrolled at version ${event.version}`);
      const structure = RoadmapStructure.of(event.data.structure);
      this.current = {
        learnerId: event.data.learnerId,
        roadmapId: event.data.roadmapId,
        roadmapVersion: event.data.roadmapVersion,
        structure,
        skills: new Map(structure.skillIds.map((skillId) => [skillId, { status: 'pending', changedAt: event.occurredAt }])),
        enrolledAt: event.occurredAt,
        completedAt: null,
        unenrolledAt: null,
      };
      this.streamVersion = event.version;
      return;
    }
    const current = this.current;
    if (!current) throw new CorruptEnrollmentStreamError(`${event.type} at version ${event.version} precedes Enrolled`);
    const setStatus = (skillId: string, status: SkillStatus): MutableSkill => {
      const skill = current.skills.get(skillId);
      if (!skill) throw new CorruptEnrollmentStreamError(`${event.type} at version ${event.version} names unknown skill ${skillId}`);
      skill.status = status;
      skill.changedAt = event.occurredAt;
      delete skill.knownSource;
      delete skill.evidenceRef;
      return skill;
    };
    if (isSkillStatusEvent(event)) {
      const skill = setStatus(event.data.skillId, STATUS_SET_BY[event.type]);
      if (event.type === 'SkillMarkedKnown') {
        skill.knownSource = event.data.source;
        if (event.data.evidenceRef !== undefined) skill.evidenceRef = event.data.evidenceRef;
      }
    } else {
      switch (event.type) {
        case 'RoadmapVersionAdopted': {
          current.roadmapVersion = event.data.roadmapVersion;
          current.structure = RoadmapStructure.of(event.data.structure);
          for (const skillId of current.structure.skillIds) {
            if (!current.skills.has(skillId)) current.skills.set(skillId, { status: 'pending', changedAt: event.occurredAt });
          }
          break;
        }
        case 'RoadmapCompleted':
          current.completedAt = event.occurredAt;
          break;
        case 'Unenrolled':
          current.unenrolledAt = event.occurredAt;
          break;
        default: {
          const unknown = event as { type: unknown; version: unknown };
          throw new CorruptEnrollmentStreamError(`unknown event type ${String(unknown.type)} at version ${String(unknown.version)}`);
        }
      }
    }
    this.streamVersion = event.version;
  }
}

function restore(state: EnrollmentState): Current {
  return {
    learnerId: state.learnerId,
    roadmapId: state.roadmapId,
    roadmapVersion: state.roadmapVersion,
    structure: RoadmapStructure.of(state.structure),
    skills: new Map(state.skills.map(({ skillId, ...skill }) => [skillId, { ...skill }])),
    enrolledAt: state.enrolledAt,
    completedAt: state.completedAt,
    unenrolledAt: state.unenrolledAt,
  };
}

function requireId(name: string, value: string): void {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new InvalidCommandError(`${name} must be a non-empty string`, { field: name });
  }
}

const KNOWN_SOURCES: readonly KnownSource[] = ['resume-analysis', 'learner-claim'];

function requireKnownEvidence(evidence: KnownEvidence): void {
  if (!KNOWN_SOURCES.includes(evidence?.source)) {
    throw new InvalidCommandError(`source must be one of ${KNOWN_SOURCES.join(', ')}`, { field: 'source' });
  }
  if (evidence.evidenceRef !== undefined) requireId('evidenceRef', evidence.evidenceRef);
}

function requireRoadmapVersion(value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidCommandError('roadmapVersion must be a positive integer', { field: 'roadmapVersion' });
  }
}
