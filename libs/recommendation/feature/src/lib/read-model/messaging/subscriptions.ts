import { LearnerEnrolled, LearnerUnenrolled, RoadmapCompleted, RoadmapPublished, RoadmapRetired, SkillStatusChanged, SkillUpdated } from '@pathwise/contracts';

/** Consumer groups are `<service>.<purpose>`; each has its own retry and dead-letter topics. */
export const CATALOG_PROJECTOR_GROUP = 'recommendation.catalog-projector';
export const PROGRESS_PROJECTOR_GROUP = 'recommendation.progress-projector';

export const CATALOG_CONTRACTS = [RoadmapPublished, RoadmapRetired, SkillUpdated] as const;
export const PROGRESS_CONTRACTS = [LearnerEnrolled, SkillStatusChanged, RoadmapCompleted, LearnerUnenrolled] as const;
