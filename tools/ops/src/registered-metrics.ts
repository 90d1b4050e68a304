// Every Prometheus metric the services register, read from their source, for the checks that
// name metrics (the Grafana dashboard's queries, the alert table in docs/operations.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { repoRoot } from './kafka-topics';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' ? [] : sources(full);
    return /\.ts$/.test(entry) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry) && entry !== 'testing.ts' ? [full] : [];
  });
}

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

/** Every metric the services register, read from their source: `new Histogram({ name: '…' })` and `once('…', (name) => new Counter(…))`. */
export function registeredInCode(): Map<string, MetricType> {
  const metrics = new Map<string, MetricType>();
  const direct = /new (Counter|Gauge|Histogram|Summary)(?:<[^>]*>)?\(\{\s*name: '([a-z_:][a-z0-9_:]*)'/g;
  const viaOnce = /(?:once|metricOnce)\(\s*(?:\w+,\s*)?'([a-z_:][a-z0-9_:]*)',\s*\(name\)\s*=>\s*new (Counter|Gauge|Histogram|Summary)/g;
  for (const file of [...sources(path.join(repoRoot, 'libs')), ...sources(path.join(repoRoot, 'apps'))]) {
    const text = readFileSync(file, 'utf8');
    for (const [, type, name] of text.matchAll(direct)) metrics.set(name as string, (type as string).toLowerCase() as MetricType);
    for (const [, name, type] of text.matchAll(viaOnce)) metrics.set(name as string, (type as string).toLowerCase() as MetricType);
  }
  return metrics;
}

/** Series names a scrape can contain: histograms add _bucket/_sum/_count, summaries _sum/_count. */
export function seriesNames(metrics: Map<string, MetricType>): Set<string> {
  const names = new Set<string>();
  for (const [name, type] of metrics) {
    const suffixes = type === 'histogram' ? ['_bucket', '_sum', '_count'] : type === 'summary' ? ['', '_sum', '_count'] : [''];
    for (const suffix of suffixes) names.add(`${name}${suffix}`);
  }
  return names;
}

/** Series a scrape of any service can contain: the services' own metrics and prom-client's defaults. */
export async function knownSeries(): Promise<Set<string>> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const defaults = new Map((await registry.getMetricsAsJSON()).map((metric) => [metric.name, String(metric.type) as MetricType]));
  return seriesNames(new Map([...registeredInCode(), ...defaults]));
}
