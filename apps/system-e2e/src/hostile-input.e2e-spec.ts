import { metricValue } from '@pathwise/platform/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPlatform, type RunningPlatform } from './testing';

const PASSWORD = 'correct horse battery staple';
const HOSTILE = { nul: 'a\u0000b', loneSurrogate: 'a\ud800b', long: 'x'.repeat(10_000) } as const;

type Schema = { type?: string | string[]; pattern?: string; enum?: unknown[]; format?: string; minimum?: number; minLength?: number; properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[] };
interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: string; schema: Schema }[];
  body?: Schema;
}

const document = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi/gateway.json'), 'utf8')) as {
  paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
};
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    parameters: operation.parameters ?? [],
    body: operation.requestBody && Object.values(operation.requestBody.content)[0]?.schema,
  })),
);

/** Strings that satisfy the document's patterns, so a request is valid but for the one hostile field. */
const CANDIDATES = ['backend', 'skill:git', 'roadmap:backend', 'a-stage', 'Europe/Paris', 'json', '1', 'abc'];
function sample(schema: Schema | undefined): unknown {
  if (!schema) return undefined;
  if (schema.anyOf) return sample(schema.anyOf[0]);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object') return Object.fromEntries((schema.required ?? []).map((name) => [name, sample(schema.properties?.[name])]));
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return Math.max(1, schema.minimum ?? 1);
  if (type === 'boolean') return true;
  if (schema.format === 'email') return `hostile-${randomUUID()}@example.test`;
  if (schema.format === 'uri') return 'https://example.com/a';
  if (schema.format === 'date') return '2025-01-01';
  const pattern = schema.pattern ? new RegExp(schema.pattern, 'u') : undefined;
  const fitting = CANDIDATES.find((candidate) => (!pattern || pattern.test(candidate)) && candidate.length >= (schema.minLength ?? 0));
  return fitting ?? 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

/** Percent-encodes like encodeURIComponent, but a lone surrogate goes out as its WTF-8 bytes, as a raw client would send it. */
function encode(value: string): string {
  return value
    .split(/(\p{Cs})/u)
    .map((part, index) => {
      if (index % 2 === 0) return encodeURIComponent(part);
      const unit = part.charCodeAt(0);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    })
    .join('');
}

/** Every string a client controls in one operation: path and query parameters, and the body's string fields. */
function variants(operation: Operation, value: string): { field: string; path: string; body: unknown }[] {
  const params = Object.fromEntries(operation.parameters.filter((p) => p.in !== 'header').map((p) => [p.name, String(sample(p.schema))]));
  const build = (overrides: Record<string, string>) => {
    const all = { ...params, ...overrides };
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encode(all[name] ?? ''));
    const query = operation.parameters.filter((p) => p.in === 'query').map((p) => `${p.name}=${encode(all[p.name] ?? '')}`);
    return query.length > 0 ? `${path}?${query.join('&')}` : path;
  };
  const base = sample(operation.body) as Record<string, unknown> | undefined;
  const stringFields = Object.entries(operation.body?.properties ?? {}).filter(([, schema]) => schema.type === 'string' || schema.items?.type === 'string');
  return [
    ...operation.parameters.filter((p) => p.in !== 'header').map((p) => ({ field: `${p.in}:${p.name}`, path: build({ [p.name]: value }), body: base })),
    ...stringFields.map(([name, schema]) => ({ field: `body:${name}`, path: build({}), body: { ...base, [name]: schema.type === 'string' ? value : [value] } })),
  ];
}

/**
 * Hostile strings against the real system (gateway replicas in front of real catalog and progress
 * processes on PostgreSQL): none may become a 5xx, and one client's bad requests must not open a
 * circuit breaker that every other client's reads go through.
 */
describe('hostile input through the whole platform', () => {
  let platform: RunningPlatform;
  let gateway: string;

  beforeAll(async () => {
    platform = await startPlatform({ principalPerMinute: 100_000 });
    [gateway] = platform.gateways;
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
  });

  async function signUp(roles?: string[]): Promise<string> {
    const email = `hostile-${randomUUID()}@example.test`;
    const created = await fetch(`${gateway}/v1/auth/sign-up`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    expect(created.status).toBe(201);
    if (roles) await platform.gatewayDb.query(`UPDATE ${platform.gatewaySchema}.users SET roles = $1 WHERE email = $2`, [roles, email]);
    const login = await fetch(`${gateway}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    return ((await login.json()) as { accessToken: string }).accessToken;
  }

  function send(method: string, path: string, options: { token?: string; body?: unknown } = {}): Promise<Response> {
    return fetch(`${gateway}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(method === 'GET' || method === 'DELETE' ? {} : { 'idempotency-key': `"${randomUUID()}"`, 'if-match': '"r1"' }),
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  }

  it('when the reported requests carry NUL, then each is refused as 400/422 problem+json naming the field', async () => {
    const search = await send('GET', '/v1/search?q=a%00b');
    const tag = await send('GET', '/v1/roadmaps?tag=a%00b');
    const login = await send('POST', '/v1/auth/login', { body: { email: 'a\u0000b@example.com', password: PASSWORD } });

    expect([search.status, tag.status, login.status]).toEqual([400, 400, 422]);
    expect(await search.json()).toMatchObject({ status: 400, errors: [{ pointer: '/q', in: 'query' }] });
    expect(await tag.json()).toMatchObject({ status: 400, errors: [{ pointer: '/tag', in: 'query' }] });
    expect(await login.json()).toMatchObject({ status: 422, errors: [{ pointer: '/email' }] });
  });

  it("when one client sends a stream of hostile requests, then another client's catalog reads keep answering 200 and no breaker opens", async () => {
    const hostile = Array.from({ length: 60 }, (_, index) => send('GET', index % 2 === 0 ? '/v1/search?q=a%00b' : `/v1/roadmaps?tag=${encode(HOSTILE.loneSurrogate)}`));
    const reads = Array.from({ length: 30 }, (_, index) => send('GET', index % 2 === 0 ? '/v1/roadmaps' : `/v1/roadmaps/${platform.roadmap.slug}`));
    const [refused, answered] = await Promise.all([Promise.all(hostile), Promise.all(reads)]);

    expect(new Set(refused.map((response) => response.status))).toEqual(new Set([400]));
    expect(new Set(answered.map((response) => response.status))).toEqual(new Set([200]));
    for (const replica of platform.gateways) expect(await metricValue(replica, 'gateway_circuit_breaker_state', { downstream: 'catalog' })).toBe(0);
    expect((await send('GET', `/v1/roadmaps/${platform.roadmap.slug}`)).status).toBe(200);
  });

  it('when every string of every route carries NUL, a lone surrogate or 10k characters, as anonymous, learner and editor, then nothing answers 5xx', async () => {
    const tokens = { anonymous: undefined, learner: await signUp(), editor: await signUp(['learner', 'editor', 'admin']) };
    const failures: string[] = [];
    let sent = 0;
    for (const operation of operations) {
      for (const [kind, value] of Object.entries(HOSTILE)) {
        for (const { field, path, body } of variants(operation, value)) {
          for (const [role, token] of Object.entries(tokens)) {
            const response = await send(operation.method, path, { token, body });
            sent += 1;
            if (response.status >= 500) failures.push(`${operation.method} ${operation.path} ${field}=${kind} as ${role}: ${response.status} ${await response.text()}`);
            else await response.arrayBuffer();
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300); // the sweep reached the routes, not a handful
  }, 180_000);
});
