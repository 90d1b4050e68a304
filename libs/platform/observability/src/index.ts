export { isQuietPath, ObservabilityModule, REDACTED_PATHS, ROOT_LOGGER, type ObservabilityOptions } from './lib/observability.module';
export { READINESS_CHECKS, type ReadinessCheck } from './lib/readiness-check';
export { readinessDetails } from './lib/health.controller';
export { METRICS_REGISTRY } from './lib/metrics';
export { metricOnce } from './lib/metric-once';
export { requestIdFor, REQUEST_ID_HEADER } from './lib/request-id';
export {
  activeTraceparent,
  contextFromHeaders,
  contextFromTraceparent,
  injectSpanContext,
  inSpan,
  recordFailure,
  runInSpan,
  startSpan,
  startTracing,
  tracingEnabled,
  type TracingHandle,
  type TracingOptions,
} from './lib/tracing';
