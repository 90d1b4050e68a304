import type { EventContract } from './event-contract';
import { RoadmapPublished, RoadmapRetired, SkillUpdated } from './events/catalog.events';
import { LearnerEnrolled, LearnerOnboarded, LearnerUnenrolled, RoadmapCompleted, SkillStatusChanged } from './events/progress.events';
import { RecommendationsUpdated, ResumeAnalyzed } from './events/recommendation.events';

/** Every event Pathwise publishes; the AsyncAPI document and the compatibility test read this list. */
export const EVENT_CATALOG: readonly EventContract[] = [
  RoadmapPublished,
  RoadmapRetired,
  SkillUpdated,
  LearnerEnrolled,
  SkillStatusChanged,
  RoadmapCompleted,
  LearnerUnenrolled,
  LearnerOnboarded,
  RecommendationsUpdated,
  ResumeAnalyzed,
];
