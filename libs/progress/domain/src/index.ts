// Public API of the progress domain: the event-sourced enrollment aggregate (progress issue).
export {
  Enrollment,
  ENROLLMENT_SNAPSHOT_SCHEMA,
  enrollmentStreamId,
  type EnrollParams,
  type EnrollmentSnapshot,
  type EnrollmentState,
  type KnownEvidence,
  type SkillProgress,
} from './lib/enrollment';
export type {
  Enrolled,
  EnrollmentEvent,
  EnrollmentEventType,
  KnownSource,
  RoadmapCompleted,
  RoadmapVersionAdopted,
  SkillCompleted,
  SkillMarkedKnown,
  SkillReset,
  SkillSkipped,
  SkillStarted,
  SkillStatus,
  Unenrolled,
} from './lib/enrollment.events';
export {
  AlreadyEnrolledError,
  CorruptEnrollmentStreamError,
  EnrollmentClosedError,
  EnrollmentNotFoundError,
  EnrollmentVersionConflictError,
  InvalidCommandError,
  InvalidRoadmapStructureError,
  RoadmapNotFoundError,
  RoadmapRetiredError,
  SkillNotInRoadmapError,
  SkillTransitionNotAllowedError,
} from './lib/enrollment.errors';
export {
  summarizeEnrollment,
  type EnrollmentSummary,
  type ProgressCounts,
  type SkillStatusView,
  type StageSummary,
} from './lib/enrollment-summary';
export { RoadmapStructure, type RoadmapStageData, type RoadmapStructureData } from './lib/roadmap-structure';
export type { SkillStatusChange } from './lib/status-changes';
export { computeStreak, type Streak } from './lib/streak';
