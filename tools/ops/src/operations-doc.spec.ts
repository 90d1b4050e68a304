import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type AppConfig, loadAppConfigs } from './app-configs';
import { repoRoot } from './kafka-topics';
import { knownSeries } from './registered-metrics';
import { DESCRIPTIONS, END, OPERATIONS_DOC, renderConfigReference, secretKeys, START, withConfigReference } from './operations-doc';

// A computed path: each app is loaded the same way, and new apps are picked up.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const apps = loadAppConfigs(repoRoot, (modulePath) => require(path.join(repoRoot, modulePath)));
const secrets = secretKeys(repoRoot);

/** A key's cells (key, default, required, secret, type, description) in a rendered table. */
const row = (section: string, key: string) =>
  section
    .split('\n')
    .find((line) => line.startsWith(`| \`${key}\` |`))
    ?.slice(2, -2)
    .split(' | ');

function fakeApp(shape: Record<string, z.ZodType>): AppConfig {
  return { name: 'fake', prefix: 'FAKE', schema: z.object(shape), port: 1 };
}

describe('docs/operations.md configuration reference', () => {
  it('when the reference is generated from the apps config schemas, then the committed page holds exactly it', () => {
    const page = readFileSync(path.join(repoRoot, OPERATIONS_DOC), 'utf8');
    const expected = withConfigReference(page, renderConfigReference(apps, secrets));
    // Stale: run `npm run docs:operations` and commit docs/operations.md.
    expect(page).toEqual(expected);
  });

  it('when the section is rendered, then every key each app reads has a row under that app', () => {
    const section = renderConfigReference(apps, secrets);
    for (const app of apps) {
      const part = section.split(`### ${app.name}\n`)[1]?.split('\n### ')[0] ?? '';
      const listed = [...part.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((match) => match[1]);
      expect({ app: app.name, keys: listed }).toEqual({ app: app.name, keys: Object.keys(app.schema.shape) });
    }
  });

  it('when a key has a default that fails its own validation, then it is required with no default (a signing key cannot be left empty)', () => {
    const gateway = renderConfigReference(apps, secrets).split('### gateway\n')[1] ?? '';
    expect(row(gateway, 'GATEWAY_SIGNING_KEYS')?.slice(1, 4)).toEqual(['—', 'yes', 'yes']);
    expect(row(gateway, 'GATEWAY_TRUSTED_PROXIES')?.slice(1, 4)).toEqual(['(empty)', '', '']);
    expect(row(gateway, 'GATEWAY_HTTP_PORT')?.slice(1, 5)).toEqual(['`3000`', '', '', 'integer 1–65535']);
  });

  it('when a key is in a Secret of k8s/secret.example.yaml, then it is marked secret, and only then', () => {
    const section = renderConfigReference(apps, secrets);
    const marked = [...section.matchAll(/^\| `([A-Z0-9_]+)` \| [^|]* \| [^|]* \| yes \|/gm)].map((match) => match[1]).sort();
    expect(marked).toEqual([...new Set([...secrets.values()].flatMap((keys) => [...keys]))].sort());
    expect(marked.length).toBeGreaterThan(0);
  });

  it('when the hand-written Probes table is read, then it names every app on the port its schema serves', () => {
    const page = readFileSync(path.join(repoRoot, OPERATIONS_DOC), 'utf8');
    const probes = page.split('\n## Probes\n')[1]?.split('\n## ')[0] ?? '';
    const rows = [...probes.matchAll(/^\| `([a-z-]+)` \| (\d+) \|/gm)].map(([, name, port]) => ({ name, port: Number(port) }));
    const byName = (a: { name?: string }, b: { name?: string }) => String(a.name).localeCompare(String(b.name));
    expect(rows.sort(byName)).toEqual(apps.map((app) => ({ name: app.name, port: app.port })).sort(byName));
  });

  it('when the alert table names metrics, then each one is registered by a service or by prom-client (label names in parentheses aside)', async () => {
    const page = readFileSync(path.join(repoRoot, OPERATIONS_DOC), 'utf8');
    const section = page.split('\n## What to watch and alert on\n')[1]?.split('\n## ')[0] ?? '';
    const rows = section.split('\n').filter((line) => /^\| (?!Watch |---)/.test(line));
    // The one row about offset lag names the broker exporter's metric, and says so.
    const ours = rows.filter((line) => !line.includes('not exported by the services'));
    const named = ours.flatMap((line) => [...(line.split(' | ')[1] ?? '').replace(/\([^)]*\)/g, '').matchAll(/`([a-z_:][a-z0-9_:]*)`/g)].map((match) => match[1] as string));
    const known = await knownSeries();
    // A histogram is named by its base name here; its series are <name>_bucket, _sum and _count.
    expect(named.filter((name) => !known.has(name) && !known.has(`${name}_count`))).toEqual([]);
    expect(named.length).toBeGreaterThan(15);
    expect(rows.length - ours.length).toBe(1);
  });

  it('when a key an app reads has no description, then rendering fails naming it', () => {
    const app = fakeApp({ FAKE_HTTP_PORT: z.coerce.number().default(1), FAKE_UNDOCUMENTED: z.string() });
    expect(() => renderConfigReference([app], new Map(), { FAKE_HTTP_PORT: 'port' })).toThrow('no description in tools/ops/src/operations-doc.ts for: fake FAKE_UNDOCUMENTED');
  });

  it('when a description names a key no app reads, then rendering fails naming it', () => {
    expect(() => renderConfigReference(apps, secrets, { ...DESCRIPTIONS, GATEWAY_REMOVED_SETTING: 'gone' })).toThrow('describes keys no app reads: GATEWAY_REMOVED_SETTING');
  });

  it('when a Secret holds a key its app does not read, then rendering fails naming it', () => {
    const app = fakeApp({ FAKE_HTTP_PORT: z.coerce.number().default(1) });
    expect(() => renderConfigReference([app], new Map([['fake', new Set(['FAKE_PASSWORD'])]]), { FAKE_HTTP_PORT: 'port' })).toThrow('holds keys no app reads: fake-secrets FAKE_PASSWORD');
  });

  it('when an app gives a shared key its own meaning, then its description wins for that app only', () => {
    const section = renderConfigReference(apps, secrets);
    const worker = section.split('### saga-worker\n')[1] ?? '';
    const progress = section.split('### progress\n')[1]?.split('\n### ')[0] ?? '';
    expect(row(worker, 'AUTH_SERVICE_ISSUER')?.[5]).toBe(DESCRIPTIONS['saga-worker:AUTH_SERVICE_ISSUER']);
    expect(row(progress, 'AUTH_SERVICE_ISSUER')?.[5]).toBe(DESCRIPTIONS['AUTH_SERVICE_ISSUER']);
  });

  it('when the page is rewritten, then the hand-written text around the markers is kept, and a page without markers is refused', () => {
    const page = `# Title\n\nbefore\n\n${START}\nold\n${END}\n\nafter\n`;
    expect(withConfigReference(page, `${START}\nnew\n${END}`)).toBe(`# Title\n\nbefore\n\n${START}\nnew\n${END}\n\nafter\n`);
    expect(() => withConfigReference('# no markers\n', 'x')).toThrow('has no');
  });
});
