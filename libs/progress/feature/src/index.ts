// Public API of the progress feature: the Nest module, its migrations and what the app's entry
// points (main, migrate, rebuild-projections) use directly. Tests reach the rest through testing.ts.
export { ProgressModule } from './lib/progress.module';
export { PROGRESS_MIGRATIONS } from './lib/migrations/progress-migrations';
export { CATALOG_PROJECTOR_GROUP, PROGRESS_CONSUMED_CONTRACTS } from './lib/catalog-copy/messaging/catalog-subscription';
export { RebuildProjectionsHandler } from './lib/projections/rebuild/rebuild-projections.handler';
