import type { Metric, Registry } from 'prom-client';

/**
 * The metric `name` of `registry`, created by `create` (which must register it there) the first
 * time. Several components of one app share a registry and so their metrics; prom-client refuses
 * to register a name twice.
 */
export function metricOnce<T extends Metric>(registry: Registry, name: string, create: (name: string) => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? create(name);
}
