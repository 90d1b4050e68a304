import { metricOnce } from '@pathwise/platform/observability';
import { Counter, type Metric, Registry } from 'prom-client';

export type CacheResult = 'hit' | 'miss' | 'degraded';

/** Counters shared by every cache of one app registry, told apart by the `cache` label. */
export class CacheMetrics {
  readonly requests: Counter<'cache' | 'result'>;
  readonly degraded: Counter<'cache' | 'operation'>;
  readonly loads: Counter<'cache'>;

  private constructor(registry: Registry | undefined) {
    const registers = registry ? [registry] : [];
    const once = <T extends Metric>(name: string, create: (name: string) => T): T => (registry ? metricOnce(registry, name, create) : create(name));
    this.requests = once('cache_requests_total', (name) => new Counter({ name, help: 'Cache reads by outcome (hit, miss, degraded = served without Redis)', labelNames: ['cache', 'result'], registers }));
    this.loads = once('cache_loads_total', (name) => new Counter({ name, help: 'Loads from the source of truth after a miss; concurrent readers of one key share a load', labelNames: ['cache'], registers }));
    this.degraded = once('cache_degraded_total', (name) => new Counter({ name, help: 'Redis calls on the read path that failed or timed out, by operation (read, write)', labelNames: ['cache', 'operation'], registers }));
  }

  /** Without a registry the counters still count (tests, scripts) but are not exported. */
  static for(registry: Registry | undefined): CacheMetrics {
    return new CacheMetrics(registry);
  }
}
