// Public API of the catalog feature: the Nest module, its migrations, the seed loader and the consumer group.
export { CATALOG_RECORDS, CatalogModule } from './lib/catalog.module';
export { CACHE_INVALIDATION_GROUP } from './lib/cache/cache-invalidation.consumer';
export { CATALOG_MIGRATIONS } from './lib/migrations';
export { loadSeedCatalog, type SeedResult } from './lib/seed/seed-catalog';
