export { TemporalClientModule, TemporalReadiness, TEMPORAL_CLIENT, TEMPORAL_CONNECTION } from './lib/temporal-client';
export { TemporalWorkerModule, TemporalWorkerService, type TemporalWorkerOptions } from './lib/temporal-worker';
