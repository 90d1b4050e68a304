import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './kafka-topics';
import { knownSeries, registeredInCode } from './registered-metrics';

const dashboardPath = path.join(repoRoot, 'docs/operations/grafana-dashboard.json');

const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan']);

/** Metric names in a PromQL expression (Grafana variables replaced, label matchers, strings, groupings and ranges removed). */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/\$\{[^}]+\}|\$[A-Za-z_]+/g, '1m')
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ');
  return [...bare.matchAll(/(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![a-zA-Z0-9_:]|\s*\()/g)].map((match) => match[1] as string).filter((word) => !PROMQL_WORDS.has(word.toLowerCase()));
}

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
}

describe('Grafana dashboard (docs/operations/grafana-dashboard.json)', () => {
  const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as { panels: Panel[]; templating: { list: { query?: unknown }[] } };
  const queries = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));

  it('when metric names are read from the source, then the services\' known metrics are found (the scan is not empty)', () => {
    const metrics = registeredInCode();
    expect(metrics.get('http_server_request_duration_seconds')).toBe('histogram');
    expect(metrics.get('outbox_commit_to_publish_seconds')).toBe('histogram');
    expect(metrics.get('gateway_circuit_breaker_state')).toBe('gauge');
    expect(metrics.size).toBeGreaterThan(15);
  });

  it('when every PromQL query is parsed, then each metric it names is registered by a service or by prom-client\'s default metrics', async () => {
    const known = await knownSeries();
    const variableQueries = dashboard.templating.list.flatMap((variable) => {
      const query = typeof variable.query === 'object' && variable.query !== null ? (variable.query as { query?: string }).query : undefined;
      const match = /label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(query ?? '');
      return match ? [{ panel: 'templating', expr: match[1] as string }] : [];
    });

    const unknown = [...queries, ...variableQueries].flatMap(({ panel, expr }) => metricNamesIn(expr).filter((name) => !known.has(name)).map((name) => `${panel}: ${name}`));
    expect(queries.length).toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });

  it('when the parser reads a query naming an unknown metric, then it reports it (the check cannot pass trivially)', () => {
    expect(metricNamesIn('histogram_quantile(0.99, sum by (le, route) (rate(made_up_seconds_bucket{service=~"$service", code="5.."}[$__rate_interval]))) / on (x) other_total')).toEqual([
      'made_up_seconds_bucket',
      'other_total',
    ]);
  });

  it('when panels are listed, then every graph has at least one query and queries are not empty', () => {
    const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(graphs.filter((panel) => (panel.targets ?? []).length === 0).map((panel) => panel.title)).toEqual([]);
    expect(queries.filter(({ expr }) => expr.trim() === '')).toEqual([]);
  });
});
