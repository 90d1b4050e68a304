import { CatalogModule } from '@pathwise/catalog/feature';

/** Where the catalog's OpenAPI document comes from (`npm run openapi:generate` writes docs/openapi/catalog.json). */
export const CATALOG_OPENAPI = {
  title: 'Pathwise catalog (service-internal)',
  description: 'Roadmaps, stages, skills, prerequisites, resources, versions and search. Clients reach it through the gateway.',
  module: CatalogModule,
};
