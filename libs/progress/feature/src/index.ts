// Public API of the progress feature: the Nest module, its migrations and what the app's
// entry points (migrate, rebuild-projections) and tests drive directly.
export { ProgressModule, type ProgressModuleOptions } from './lib/progress.module';
export { PROGRESS_MIGRATIONS } from './lib/migrations/progress-migrations';
export { CATALOG_PROJECTOR_GROUP, PROGRESS_CONSUMED_CONTRACTS } from './lib/catalog-copy/messaging/catalog-subscription';
export { ProgressProjector, type ProjectorOptions } from './lib/projections/progress-projector';
export { RebuildProjectionsHandler, type RebuildResult } from './lib/projections/rebuild/rebuild-projections.handler';
export { EnrollHandler } from './lib/enrollments/enroll/enroll.handler';
export { ChangeSkillStatusHandler } from './lib/enrollments/change-skill-status/change-skill-status.handler';
export { UnenrollHandler } from './lib/enrollments/unenroll/unenroll.handler';
export { ApplyPublishedRoadmapHandler } from './lib/catalog-copy/apply-published-roadmap.handler';
