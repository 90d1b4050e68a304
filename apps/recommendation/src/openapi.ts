import { RecommendationModule } from '@pathwise/recommendation/feature';

/** Where the recommendation service's OpenAPI document comes from (served at `/openapi.json`; `npm run openapi:generate` writes docs/openapi/recommendation.json). */
export const RECOMMENDATION_OPENAPI = {
  title: 'Pathwise recommendation (service-internal)',
  description: "What to learn next and the path to a goal skill, computed from the service's own read model of the catalog and of each learner's progress. Clients reach it through the gateway.",
  // Only the controllers' route metadata is read; the options do not shape the API.
  module: RecommendationModule.forRoot({ recompute: { enabled: false, databaseUrl: '' } }),
};
