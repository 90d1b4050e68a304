// Public API of the recommendation feature: the Nest module, its migrations, its consumer groups
// and what the app's entry points (main, migrate, rebuild-read-models) and the resume:analyze
// command (tools/analyze-resumes.mjs) use directly.
export { RecommendationModule } from './lib/recommendation.module';
export { RECOMMENDATION_MIGRATIONS } from './lib/migrations/recommendation-migrations';
export { CATALOG_CONTRACTS, CATALOG_PROJECTOR_GROUP, PROGRESS_CONTRACTS, PROGRESS_PROJECTOR_GROUP } from './lib/read-model/messaging/subscriptions';
export { RebuildReadModelsHandler, type RebuildResult } from './lib/rebuild/rebuild-read-models.handler';
export { RecomputeWorker } from './lib/recommendations/recompute-worker';
export { analyzeResumeFile, RESUME_FILE_TYPES, resumeCatalogFrom, resumeContentTypeOf } from './lib/resumes/analyze-resume-file';
export { ResumeParser, ResumeUnreadableError } from './lib/resumes/parsing';
