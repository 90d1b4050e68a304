import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import { metricValue } from '@pathwise/platform/testing';
import { type FakeService, json, type RunningGateway, signUpAndLogIn, startFakeService, startGateway } from './testing';

const catalogRoutes = (state: { slowMs: number }) => [
  { method: 'GET' as const, url: '/roadmaps', handler: async () => ({ items: [{ slug: 'backend' }], nextCursor: null }) },
  {
    method: 'GET' as const,
    url: '/roadmaps/:slug',
    handler: async () => {
      await new Promise((resolve) => setTimeout(resolve, state.slowMs));
      return { slug: 'slow' };
    },
  },
  // A client error from the service: the client's fault, never the service's health.
  { method: 'GET' as const, url: '/search', handler: async (_request: FastifyRequest, reply: FastifyReply) => reply.code(400).send({ status: 400 }) },
];

const breakerState = (gateway: RunningGateway, downstream: string): Promise<number | undefined> => metricValue(gateway.baseUrl, 'gateway_circuit_breaker_state', { downstream });

/**
 * Per-downstream timeouts, retries for idempotent calls, and the circuit breaker. The catalog is a
 * stand-in: a real HTTP server in this process, closed (connections refused) and restarted on the same port.
 */
describe('resilience towards services', () => {
  const state = { slowMs: 0 };
  let catalog: FakeService;
  let progress: FakeService;
  let gateway: RunningGateway;
  let learner: { accessToken: string };

  beforeAll(async () => {
    catalog = await startFakeService(catalogRoutes(state));
    progress = await startFakeService([{ method: 'GET', url: '/dashboard', handler: async () => ({ streakDays: 3 }) }]);
    gateway = await startGateway({
      GATEWAY_CATALOG_URL: catalog.url,
      GATEWAY_PROGRESS_URL: progress.url,
      GATEWAY_DOWNSTREAM_TIMEOUT_MS: '300',
      GATEWAY_BREAKER_MIN_CALLS: '3',
      GATEWAY_BREAKER_WINDOW_MS: '2000',
      GATEWAY_BREAKER_HALF_OPEN_AFTER_MS: '700',
      GATEWAY_RATE_LIMIT_PER_MINUTE: '10000',
      GATEWAY_ANONYMOUS_RATE_LIMIT_PER_MINUTE: '10000',
    });
    learner = await signUpAndLogIn(gateway.baseUrl);
  });
  afterAll(async () => {
    await gateway?.close();
    await catalog?.close();
    await progress?.close();
  });

  it('when a service is slower than its timeout, then each attempt is cut, the GET is retried, and the client gets 504 problem+json in bounded time', async () => {
    state.slowMs = 2_000;
    const before = catalog.calls.length;
    const started = Date.now();
    const response = await fetch(`${gateway.baseUrl}/v1/roadmaps/slow`);
    const elapsed = Date.now() - started;
    state.slowMs = 0;

    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(await json(response)).toMatchObject({ status: 504, downstream: 'catalog' });
    expect(catalog.calls.length - before).toBe(3);
    expect(elapsed).toBeLessThan(2_000);
    // Timeouts count as failures: let the breaker close again before the next scenario.
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await fetch(`${gateway.baseUrl}/v1/roadmaps`)).status).toBe(200);
  });

  it('when one client keeps getting 4xx from a service, then the breaker stays closed and other reads answer 200', async () => {
    const before = catalog.calls.length;
    for (let i = 0; i < 10; i += 1) expect((await fetch(`${gateway.baseUrl}/v1/search?q=go`)).status).toBe(400);

    expect(catalog.calls.length - before).toBe(10); // 4xx are answers: sent once, never retried
    expect(await breakerState(gateway, 'catalog')).toBe(0);
    expect((await fetch(`${gateway.baseUrl}/v1/roadmaps`)).status).toBe(200);
  });

  it('when the catalog stops, then the breaker opens, calls fail fast as 503 problem+json, the dashboard degrades, and all recover when it returns', async () => {
    expect((await fetch(`${gateway.baseUrl}/v1/roadmaps`)).status).toBe(200);
    expect(await breakerState(gateway, 'catalog')).toBe(0);
    const port = new URL(catalog.url).port;
    await catalog.close();

    // Unreachable: every call fails (three attempts each) until failures pass 50% of the attempts
    // in the breaker's window, which still holds the earlier scenarios' successes.
    let failedCalls = 0;
    while ((await breakerState(gateway, 'catalog')) !== 2 && failedCalls < 10) {
      expect((await fetch(`${gateway.baseUrl}/v1/roadmaps`)).status).toBe(503);
      failedCalls += 1;
    }
    expect(await breakerState(gateway, 'catalog')).toBe(2);
    expect(failedCalls).toBeGreaterThan(1); // a rate, not the first error

    const started = Date.now();
    const fast = await fetch(`${gateway.baseUrl}/v1/roadmaps`);
    expect(Date.now() - started).toBeLessThan(100);
    expect(fast.status).toBe(503);
    expect(fast.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(fast.headers.get('retry-after')).toBe('1');
    expect(await json(fast)).toMatchObject({ status: 503, type: 'https://pathwise.dev/problems/service-unavailable', downstream: 'catalog' });

    const dashboard = await fetch(`${gateway.baseUrl}/v1/learner-dashboard`, { headers: { authorization: `Bearer ${learner.accessToken}` } });
    expect(dashboard.status).toBe(200);
    expect(await json(dashboard)).toEqual({ progress: { streakDays: 3 }, explore: null, degraded: ['catalog'] });

    catalog = await startFakeService(catalogRoutes(state), Number(port));
    await new Promise((resolve) => setTimeout(resolve, 800));
    const recovered = await fetch(`${gateway.baseUrl}/v1/roadmaps`);

    expect(recovered.status).toBe(200);
    expect(await breakerState(gateway, 'catalog')).toBe(0);
    const whole = await json(await fetch(`${gateway.baseUrl}/v1/learner-dashboard`, { headers: { authorization: `Bearer ${learner.accessToken}` } }));
    expect(whole).toMatchObject({ progress: { streakDays: 3 }, explore: { items: [{ slug: 'backend' }] }, degraded: [] });
  });
});
