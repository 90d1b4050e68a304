import { ProgressModule } from '@pathwise/progress/feature';

/** Where the progress service's OpenAPI document comes from (served at `/openapi.json`; `npm run openapi:generate` writes docs/openapi/progress.json). */
export const PROGRESS_OPENAPI = {
  title: 'Pathwise progress (service-internal)',
  description: 'Event-sourced enrollments, skill status and their read models (summary, dashboard, timeline, export). Clients reach it through the gateway.',
  // Only the controllers' route metadata is read; the options do not shape the API.
  module: ProgressModule.forRoot({ snapshotEvery: 1, projector: { enabled: false, databaseUrl: '' } }),
};
