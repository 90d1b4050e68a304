import { AccessTokenIssuer } from '@pathwise/gateway/feature';
import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import { metricValue, UNREACHABLE } from '@pathwise/platform/testing';
import { randomUUID } from 'node:crypto';
import { type FakeService, json, postJson, type RunningGateway, signUpAndLogIn, startFakeService, startGateway, testPrefix, uniqueEmail } from './testing';

/** A Structured Fields list of one item with parameters (RFC 9651), e.g. `"principal";r=4;t=60`. */
function parseItem(field: string | null): { name: string; params: Record<string, number> } {
  const match = /^"([^"\\]*)"((?:;[a-z][a-z0-9_-]*=\d+)*)$/.exec(field ?? '');
  if (!match) throw new Error(`not a Structured Field item with integer parameters: ${field}`);
  const params = Object.fromEntries([...(match[2] as string).matchAll(/;([a-z][a-z0-9_-]*)=(\d+)/g)].map(([, key, value]) => [key, Number(value)]));
  return { name: match[1] as string, params };
}

/** Reliability cases 7–10 (docs/reliability.md) with the gateway's Redis-backed quotas. */
describe('rate limiting', () => {
  let catalog: FakeService;

  beforeAll(async () => {
    catalog = await startFakeService([{ method: 'GET', url: '/roadmaps', handler: async () => ({ items: [], nextCursor: null }) }]);
  });
  afterAll(async () => {
    await catalog?.close();
  });

  describe('one gateway', () => {
    let gateway: RunningGateway;
    let learner: { accessToken: string };

    beforeAll(async () => {
      gateway = await startGateway({ GATEWAY_CATALOG_URL: catalog.url, GATEWAY_RATE_LIMIT_PER_MINUTE: '5', GATEWAY_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '1000', GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
      learner = await signUpAndLogIn(gateway.baseUrl);
    });
    afterAll(async () => {
      await gateway?.close();
    });

    const browse = () => fetch(`${gateway.baseUrl}/v1/roadmaps`, { headers: { authorization: `Bearer ${learner.accessToken}` } });

    it('when requests stay within quota, then RateLimit-Policy and RateLimit parse as Structured Fields and r decreases to 0 (row 7)', async () => {
      const remaining: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const response = await browse();
        expect(response.status).toBe(200);
        const policy = parseItem(response.headers.get('ratelimit-policy'));
        const limit = parseItem(response.headers.get('ratelimit'));
        expect(policy).toEqual({ name: 'principal', params: { q: 5, w: 60 } });
        expect(limit.name).toBe('principal');
        expect(limit.params['t']).toBeGreaterThan(0);
        expect(limit.params['t']).toBeLessThanOrEqual(60);
        remaining.push(limit.params['r'] as number);
      }
      expect(remaining).toEqual([4, 3, 2, 1, 0]);
    });

    it('when the quota is exceeded, then 429 problem+json quota-exceeded with Retry-After >= t, r stays 0, and the service is not called (row 8)', async () => {
      const before = catalog.calls.length;
      const response = await browse();
      const limit = parseItem(response.headers.get('ratelimit'));

      expect(response.status).toBe(429);
      expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
      expect(await json(response)).toMatchObject({ status: 429, type: 'https://pathwise.dev/problems/quota-exceeded' });
      expect(limit.params['r']).toBe(0);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(limit.params['t'] as number);
      expect(catalog.calls.length).toBe(before);
    });

    it('when anonymous callers browse, then they count per IP under their own policy', async () => {
      const response = await fetch(`${gateway.baseUrl}/v1/roadmaps`);
      expect(response.status).toBe(200);
      expect(parseItem(response.headers.get('ratelimit-policy')).name).toBe('anonymous');
    });
  });

  describe('auth routes', () => {
    it('when one IP calls the auth routes beyond their stricter quota, then 429 problem+json', async () => {
      const gateway = await startGateway({ GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '3' });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 4; i += 1) statuses.push((await postJson(`${gateway.baseUrl}/v1/auth/login`, { email: uniqueEmail(), password: 'whatever password' })).status);
        expect(statuses).toEqual([401, 401, 401, 429]);
      } finally {
        await gateway.close();
      }
    });
  });

  describe('two replicas sharing Redis (row 9)', () => {
    it('when one principal bursts across both replicas, then accepted requests stay within the quota and other principals are unaffected', async () => {
      const shared = { GATEWAY_CATALOG_URL: catalog.url, GATEWAY_REDIS_KEY_PREFIX: testPrefix(), GATEWAY_RATE_LIMIT_PER_MINUTE: '10', GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '1000' };
      const [first, second] = await Promise.all([startGateway(shared), startGateway(shared)]);
      try {
        const [burster, bystander] = await Promise.all([signUpAndLogIn(first.baseUrl), signUpAndLogIn(second.baseUrl)]);
        const burst = await Promise.all(
          Array.from({ length: 30 }, (_, i) => fetch(`${(i % 2 === 0 ? first : second).baseUrl}/v1/roadmaps`, { headers: { authorization: `Bearer ${burster.accessToken}` } })),
        );
        const accepted = burst.filter((response) => response.status === 200).length;
        const limited = burst.filter((response) => response.status === 429).length;
        const other = await fetch(`${second.baseUrl}/v1/roadmaps`, { headers: { authorization: `Bearer ${bystander.accessToken}` } });

        expect(accepted).toBe(10);
        expect(limited).toBe(20);
        expect(other.status).toBe(200);
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  });

  describe('Redis down (row 10, ADR 0011)', () => {
    let gateway: RunningGateway;

    beforeAll(async () => {
      gateway = await startGateway({ GATEWAY_CATALOG_URL: catalog.url, REDIS_URL: UNREACHABLE.redisUrl });
    });
    afterAll(async () => {
      await gateway?.close();
    });

    it('when Redis is unreachable, then reads pass without rate-limit headers, quickly, and the degradation is counted', async () => {
      const started = Date.now();
      const response = await fetch(`${gateway.baseUrl}/v1/roadmaps`);
      const degraded = await metricValue(gateway.baseUrl, 'gateway_rate_limit_decisions_total', { policy: 'anonymous', decision: 'degraded' });

      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit')).toBeNull();
      expect(Date.now() - started).toBeLessThan(1_000);
      expect(degraded).toBeGreaterThanOrEqual(1);
    });

    it('when Redis is unreachable, then login fails closed with 503 problem+json, quickly (no throttle, no guessing)', async () => {
      const started = Date.now();
      const response = await postJson(`${gateway.baseUrl}/v1/auth/login`, { email: uniqueEmail(), password: 'whatever password' });

      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
      expect(response.headers.get('retry-after')).toBeTruthy();
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('when Redis is unreachable, then a state-changing request with an Idempotency-Key gets 503 problem+json and no effect', async () => {
      const progress = await startFakeService([{ method: 'POST', url: '/enrollments', handler: async (_request, reply) => reply.status(201).send({}) }]);
      const withProgress = await startGateway({ GATEWAY_PROGRESS_URL: progress.url, REDIS_URL: UNREACHABLE.redisUrl });
      try {
        const token = (await gateway.app.get(AccessTokenIssuer).issue({ subject: randomUUID(), roles: ['learner'], audience: 'pathwise:gateway', ttlSeconds: 60 })).token;
        const started = Date.now();
        const response = await postJson(`${withProgress.baseUrl}/v1/enrollments`, { roadmapId: 'backend' }, { authorization: `Bearer ${token}`, 'idempotency-key': `"${randomUUID()}"` });

        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
        expect(Date.now() - started).toBeLessThan(1_000);
        expect(progress.calls).toEqual([]);
      } finally {
        await withProgress.close();
        await progress.close();
      }
    });
  });
});
