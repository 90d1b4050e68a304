import { Counter, Registry } from 'prom-client';

export type CacheResult = 'hit' | 'miss' | 'degraded';

/** Counters shared by every cache of one app registry, told apart by the `cache` label. */
export class CacheMetrics {
  readonly requests: Counter<'cache' | 'result'>;
  readonly degraded: Counter<'cache' | 'operation'>;
  readonly loads: Counter<'cache'>;

  private constructor(registry: Registry | undefined) {
    const registers = registry ? [registry] : [];
    this.requests = new Counter({ name: 'cache_requests_total', help: 'Cache reads by outcome (hit, miss, degraded = served without Redis)', labelNames: ['cache', 'result'], registers });
    this.loads = new Counter({ name: 'cache_loads_total', help: 'Loads from the source of truth after a miss; concurrent readers of one key share a load', labelNames: ['cache'], registers });
    this.degraded = new Counter({ name: 'cache_degraded_total', help: 'Redis calls on the read path that failed or timed out, by operation (read, write)', labelNames: ['cache', 'operation'], registers });
  }

  private static readonly byRegistry = new WeakMap<Registry, CacheMetrics>();

  /** Without a registry the counters still count (tests, scripts) but are not exported. */
  static for(registry: Registry | undefined): CacheMetrics {
    if (!registry) return new CacheMetrics(undefined);
    let metrics = CacheMetrics.byRegistry.get(registry);
    if (!metrics) {
      metrics = new CacheMetrics(registry);
      CacheMetrics.byRegistry.set(registry, metrics);
    }
    return metrics;
  }
}
