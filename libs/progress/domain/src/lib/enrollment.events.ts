import type { RoadmapStructureData } from './roadmap-structure';

export type SkillStatus = 'pending' | 'in-progress' | 'completed' | 'skipped' | 'known';

export type KnownSource = 'resume-analysis' | 'learner-claim';

/**
 * Every event is plain JSON (times are ISO 8601 strings) so the event store can keep it as
 * jsonb and a round trip through JSON replays to the same state.
 */
interface EventOf<Type extends string, Data> {
  readonly type: Type;
  /** Position in the stream, starting at 1; assigned by the aggregate when it records the event. */
  readonly version: number;
  readonly occurredAt: string;
  readonly data: Data;
}

export type Enrolled = EventOf<
  'Enrolled',
  { readonly learnerId: string; readonly roadmapId: string; readonly roadmapVersion: number; readonly structure: RoadmapStructureData }
>;
export type SkillStarted = EventOf<'SkillStarted', { readonly skillId: string }>;
export type SkillCompleted = EventOf<'SkillCompleted', { readonly skillId: string }>;
export type SkillSkipped = EventOf<'SkillSkipped', { readonly skillId: string }>;
export type SkillReset = EventOf<'SkillReset', { readonly skillId: string; readonly previousStatus: Exclude<SkillStatus, 'pending'> }>;
export type SkillMarkedKnown = EventOf<
  'SkillMarkedKnown',
  { readonly skillId: string; readonly source: KnownSource; readonly evidenceRef?: string }
>;
export type RoadmapCompleted = EventOf<'RoadmapCompleted', { readonly roadmapVersion: number; readonly completedSkills: number }>;
export type Unenrolled = EventOf<'Unenrolled', Record<string, never>>;
export type RoadmapVersionAdopted = EventOf<
  'RoadmapVersionAdopted',
  {
    readonly roadmapVersion: number;
    readonly structure: RoadmapStructureData;
    /** For consumers: skills counted now that the previous version did not count. Replay uses only the structure. */
    readonly addedSkillIds: readonly string[];
    /** Skills the new version dropped: their history is kept but they no longer count. */
    readonly archivedSkillIds: readonly string[];
  }
>;

export type EnrollmentEvent =
  | Enrolled
  | SkillStarted
  | SkillCompleted
  | SkillSkipped
  | SkillReset
  | SkillMarkedKnown
  | RoadmapCompleted
  | Unenrolled
  | RoadmapVersionAdopted;

export type EnrollmentEventType = EnrollmentEvent['type'];
