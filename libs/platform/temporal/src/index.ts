export { TemporalClientModule, TemporalReadiness, TEMPORAL_CLIENT, TEMPORAL_CONNECTION } from './lib/temporal-client';
// The worker is its own entry point, `@pathwise/platform/temporal/worker`: @temporalio/worker loads
// the SDK's native core and webpack, which services that only start workflows should not carry.
