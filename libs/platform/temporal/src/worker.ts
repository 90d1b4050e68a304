export { TemporalWorkerModule, TemporalWorkerService, type TemporalWorkerOptions } from './lib/temporal-worker';
