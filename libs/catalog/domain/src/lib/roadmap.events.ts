import type { RoadmapId, SkillId } from './ids';
import type { PrerequisiteEdge } from './prerequisite-graph';
import type { Resource } from './resource';
import type { RoadmapDetails, SkillPriority } from './roadmap';

interface RoadmapEventFields {
  readonly aggregateId: RoadmapId;
  /** The roadmap's revision after the change; consumers drop anything not newer than what they hold. */
  readonly aggregateVersion: number;
  readonly occurredAt: string;
}

/** One published version, complete enough for another service to keep its own copy of the roadmap. */
export interface RoadmapSnapshot extends RoadmapDetails {
  readonly roadmapId: RoadmapId;
  readonly slug: string;
  readonly version: number;
  readonly publishedAt: string;
  readonly stages: readonly StageSnapshot[];
  readonly prerequisites: readonly PrerequisiteEdge<SkillId>[];
}

/** Positions are 1-based and contiguous, in the order learners see them. */
export interface StageSnapshot {
  readonly stageId: string;
  readonly position: number;
  readonly title: string;
  readonly summary: string;
  readonly skills: readonly StageSkillSnapshot[];
}

export interface StageSkillSnapshot {
  readonly skillId: SkillId;
  readonly position: number;
  readonly priority: SkillPriority;
  readonly resources: readonly Resource[];
}

export interface RoadmapPublished extends RoadmapEventFields {
  readonly type: 'RoadmapPublished';
  readonly roadmap: RoadmapSnapshot;
}

export interface RoadmapRetired extends RoadmapEventFields {
  readonly type: 'RoadmapRetired';
  readonly slug: string;
  /** The last published version, now withdrawn. */
  readonly version: number;
}

export type RoadmapEvent = RoadmapPublished | RoadmapRetired;
