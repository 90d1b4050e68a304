import { AccessTokenIssuer, AUTHORIZATION_MATRIX, type Access } from '@pathwise/gateway/feature';
import type { UserRole } from '@pathwise/platform/auth';
import { randomUUID } from 'node:crypto';
import { type FakeService, type RunningGateway, startFakeService, startGateway } from './testing';

type Caller = 'anonymous' | UserRole;
const CALLERS: Caller[] = ['anonymous', 'learner', 'editor', 'admin'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** What the gateway's guards answer for a caller; anything else means the request got through to the route. */
function expectedGuard(access: Access, caller: Caller): 401 | 403 | 'through' {
  if (access === 'public') return 'through';
  if (caller === 'anonymous') return 401;
  if (access === 'authenticated' || access === caller) return 'through';
  return 403;
}

const SAMPLE: Record<string, string> = { userId: randomUUID(), version: '1' };
const concrete = (path: string) => path.replace(/\{(\w+)\}/g, (_match, name: string) => SAMPLE[name] ?? 'sample-1');

/** Reliability cases 24 and 27 (docs/reliability.md): every route has a row, every row holds for every role, other methods get 405. */
describe('authorization matrix', () => {
  let gateway: RunningGateway;
  let services: FakeService[];
  let tokens: Record<UserRole, string>;
  let paths: Record<string, Record<string, unknown>>;

  beforeAll(async () => {
    // Services that accept anything: here only the gateway's own decisions are under test.
    const anything = [{ method: 'GET' as const }, { method: 'POST' as const }, { method: 'PUT' as const }, { method: 'PATCH' as const }, { method: 'DELETE' as const }].map(({ method }) => ({
      method,
      url: '/*',
      handler: async () => ({ ok: true }),
    }));
    services = await Promise.all([startFakeService(anything), startFakeService(anything)]);
    gateway = await startGateway({
      GATEWAY_CATALOG_URL: services[0]?.url as string,
      GATEWAY_PROGRESS_URL: services[1]?.url as string,
      GATEWAY_RATE_LIMIT_PER_MINUTE: '100000',
      GATEWAY_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '100000',
      GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    });
    const issuer = gateway.app.get(AccessTokenIssuer);
    const mint = async (role: UserRole) => (await issuer.issue({ subject: randomUUID(), roles: [role], audience: 'pathwise:gateway', ttlSeconds: 300 })).token;
    tokens = { learner: await mint('learner'), editor: await mint('editor'), admin: await mint('admin') };
    paths = ((await (await fetch(`${gateway.baseUrl}/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> }).paths;
  });
  afterAll(async () => {
    await gateway?.close();
    await Promise.all(services.map((service) => service.close()));
  });

  const OPERATOR_ROUTES = ['GET /health/live', 'GET /health/ready', 'GET /metrics'];
  const documented = () => Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));

  it('when routes are enumerated from the OpenAPI document, then each has a row in the matrix and each row is a real route (row 27)', async () => {
    const routes = documented();
    expect(routes.filter((route) => !(route in AUTHORIZATION_MATRIX))).toEqual([]);
    // Operators' endpoints (probes, scrapes) are served but are not part of the API document.
    expect(Object.keys(AUTHORIZATION_MATRIX).filter((route) => !routes.includes(route) && !OPERATOR_ROUTES.includes(route))).toEqual([]);
    for (const route of OPERATOR_ROUTES) {
      const [method, path] = route.split(' ') as [string, string];
      expect({ route, status: (await fetch(`${gateway.baseUrl}${path}`, { method })).status }).toEqual({ route, status: 200 });
    }
  });

  it('when every route is called as anonymous, learner, editor and admin, then the guards answer as the matrix says (row 24)', async () => {
    const mismatches: string[] = [];
    for (const [route, access] of Object.entries(AUTHORIZATION_MATRIX)) {
      const [method, path] = route.split(' ') as [string, string];
      for (const caller of CALLERS) {
        const headers: Record<string, string> = { 'idempotency-key': `"${randomUUID()}"`, 'if-match': '"r1"' };
        if (caller !== 'anonymous') headers['authorization'] = `Bearer ${tokens[caller]}`;
        const hasBody = method !== 'GET' && method !== 'DELETE';
        if (hasBody) headers['content-type'] = 'application/json';
        const response = await fetch(`${gateway.baseUrl}${concrete(path)}`, { method, headers, body: hasBody ? '{}' : undefined });
        const expected = expectedGuard(access, caller);
        const got = response.status === 401 || response.status === 403 ? response.status : 'through';
        if (got !== expected) mismatches.push(`${route} as ${caller}: expected ${expected}, got ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('when a documented path is called with a method it does not list, then 405 for every caller (row 24)', async () => {
    const mismatches: string[] = [];
    for (const [path, operations] of Object.entries(paths)) {
      const listed = Object.keys(operations).map((method) => method.toUpperCase());
      for (const method of METHODS.filter((candidate) => !listed.includes(candidate) && !(candidate === 'GET' && listed.includes('HEAD')))) {
        for (const caller of CALLERS) {
          const headers: Record<string, string> = caller === 'anonymous' ? {} : { authorization: `Bearer ${tokens[caller]}` };
          const response = await fetch(`${gateway.baseUrl}${concrete(path)}`, { method, headers });
          if (response.status !== 405) mismatches.push(`${method} ${path} as ${caller}: ${response.status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
