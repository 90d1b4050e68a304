import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import { REDIS } from '@pathwise/platform/persistence';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { claimsOf, type FakeService, json, postJson, type RunningGateway, signUpAndLogIn, startFakeService, startGateway } from './testing';

/** Reliability cases 1–6 (docs/reliability.md) at the gateway, with a real HTTP service behind it counting effects. */
describe('Idempotency-Key on POST/PATCH', () => {
  let gateway: RunningGateway;
  let progress: FakeService;
  let redis: Redis;
  let alice: { userId: string; accessToken: string };
  let bob: { userId: string; accessToken: string };
  const effects = new Map<string, number>();
  let slowNext = 0;
  let failNext = 0;
  /** When set, the service holds each request here until the test opens the gate. */
  let gate: { arrived(): void; opened: Promise<void> } | undefined;

  beforeAll(async () => {
    progress = await startFakeService([
      {
        method: 'POST',
        url: '/enrollments',
        handler: async (request, reply) => {
          if (failNext > 0) {
            failNext -= 1;
            return reply.status(500).send({ status: 500 });
          }
          if (slowNext > 0) await new Promise((resolve) => setTimeout(resolve, slowNext));
          if (gate) {
            gate.arrived();
            await gate.opened;
          }
          const learner = String(claimsOf(request.headers.authorization)['sub']);
          const roadmapId = (request.body as { roadmapId: string }).roadmapId;
          effects.set(`${learner} ${roadmapId}`, (effects.get(`${learner} ${roadmapId}`) ?? 0) + 1);
          return reply.status(201).header('location', `/enrollments/${roadmapId}`).send({ learnerId: learner, roadmapId, version: 1, at: randomUUID() });
        },
      },
    ]);
    gateway = await startGateway({ GATEWAY_PROGRESS_URL: progress.url });
    redis = gateway.app.get(REDIS);
    [alice, bob] = await Promise.all([signUpAndLogIn(gateway.baseUrl), signUpAndLogIn(gateway.baseUrl)]);
  });
  afterAll(async () => {
    await gateway?.close();
    await progress?.close();
  });

  beforeEach(() => {
    slowNext = 0;
    failNext = 0;
    gate = undefined;
  });

  const enroll = (user: { accessToken: string }, roadmapId: string, key?: string) =>
    postJson(`${gateway.baseUrl}/v1/enrollments`, { roadmapId }, { authorization: `Bearer ${user.accessToken}`, ...(key === undefined ? {} : { 'idempotency-key': key }) });
  const effectsOf = (user: { userId: string }, roadmapId: string) => effects.get(`${user.userId} ${roadmapId}`) ?? 0;

  it('when the same key is sent twice with the same body, then the second answer replays the first and the effect happens once (row 1)', async () => {
    const key = `"${randomUUID()}"`;
    const first = await enroll(alice, 'roadmap-1', key);
    const second = await enroll(alice, 'roadmap-1', key);

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('location')).toBe('/v1/enrollments/roadmap-1');
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(effectsOf(alice, 'roadmap-1')).toBe(1);
  });

  it('when the service is called, then it receives a token for its own audience and a per-principal key, not the raw one', async () => {
    const raw = randomUUID();
    await enroll(alice, 'roadmap-forwarded', `"${raw}"`);
    const call = progress.calls.filter((c) => c.method === 'POST').at(-1);

    expect(claimsOf(call?.headers.authorization)).toMatchObject({ aud: 'pathwise:progress', iss: 'pathwise:gateway', sub: alice.userId, roles: ['learner'] });
    expect(call?.headers['idempotency-key']).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(call?.headers['idempotency-key']).not.toContain(raw);
  });

  it('when the same key comes with another body, then 422 problem+json and nothing changes (row 2)', async () => {
    const key = `"${randomUUID()}"`;
    await enroll(alice, 'roadmap-2', key);
    const other = await enroll(alice, 'roadmap-2b', key);

    expect(other.status).toBe(422);
    expect(other.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(await json(other)).toMatchObject({ status: 422, type: 'https://pathwise.dev/problems/idempotency-key-reused' });
    expect(effectsOf(alice, 'roadmap-2b')).toBe(0);
  });

  it('when the same key arrives while the first is still running, then 409, and a later retry replays the result (row 3)', async () => {
    const key = `"${randomUUID()}"`;
    slowNext = 400;
    const first = enroll(alice, 'roadmap-3', key);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const concurrent = await enroll(alice, 'roadmap-3', key);
    const done = await first;
    const later = await enroll(alice, 'roadmap-3', key);

    expect(concurrent.status).toBe(409);
    expect(concurrent.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(concurrent.headers.get('retry-after')).toBe('1');
    expect(done.status).toBe(201);
    expect(later.status).toBe(201);
    expect(await later.text()).toBe(await done.text());
    expect(effectsOf(alice, 'roadmap-3')).toBe(1);
  });

  it('when 20 requests with one key arrive at the same moment, then the service is called once, one answers 201, the others 409, and a later retry replays the 201', async () => {
    // The claim is one Lua script, so Redis runs its GET and SET with nothing in between. Were it a
    // GET then a SET from the gateway, several of these requests would read "absent" before the
    // first SET landed, each would call the service, and the call count below would exceed 1.
    const key = `"${randomUUID()}"`;
    const roadmapId = `roadmap-race-${randomUUID()}`;
    const requests = 20;
    // The service answers only once every request is either answered or held at the service, so
    // all of them overlap the first one whatever the timing; no sleep decides the outcome.
    let held = 0;
    let answered = 0;
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const check = () => held + answered === requests && open();
    gate = { arrived: () => ((held += 1), check()), opened };

    const answers = await Promise.all(
      Array.from({ length: requests }, async () => {
        const response = await enroll(alice, roadmapId, key);
        const answer = { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
        answered += 1;
        check();
        return answer;
      }),
    );
    gate = undefined;
    const success = answers.filter((answer) => answer.status === 201);
    const conflicts = answers.filter((answer) => answer.status === 409);

    expect(progress.calls.filter((call) => call.method === 'POST' && (call.body as { roadmapId?: string } | undefined)?.roadmapId === roadmapId).length).toBe(1);
    expect(effectsOf(alice, roadmapId)).toBe(1);
    expect(success).toHaveLength(1);
    expect(conflicts).toHaveLength(requests - 1);
    for (const conflict of conflicts) {
      expect(conflict.contentType).toBe(PROBLEM_CONTENT_TYPE);
      expect(JSON.parse(conflict.body)).toMatchObject({ status: 409, type: 'https://pathwise.dev/problems/idempotency-key-in-use' });
    }

    const retry = await enroll(alice, roadmapId, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.text()).toBe(success[0]?.body);
    expect(effectsOf(alice, roadmapId)).toBe(1);
  });

  it.each([
    ['missing', undefined],
    ['unquoted', randomUUID()],
    ['over 255 characters', `"${'k'.repeat(256)}"`],
    ['with a control character', '"abc\tdef"'],
    ['SQL text, unquoted', "1'; DROP TABLE users; --"],
  ])('when the key is %s, then 400 problem+json and no side effect (row 4)', async (_case, key) => {
    const roadmapId = `roadmap-4-${randomUUID()}`;
    const response = await enroll(alice, roadmapId, key);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect((await json(response))['errors']).toEqual([expect.objectContaining({ pointer: '/idempotency-key', in: 'header' })]);
    expect(effectsOf(alice, roadmapId)).toBe(0);
  });

  it('when a key is used, then Redis holds only its hash, never the raw value (row 4)', async () => {
    const raw = `raw-${randomUUID()}`;
    await enroll(alice, 'roadmap-4-hash', `"${raw}"`);
    const keys = await redis.keys(`${gateway.config.GATEWAY_REDIS_KEY_PREFIX}*`);

    expect(keys.some((key) => key.includes('idempotency:'))).toBe(true);
    expect(keys.filter((key) => key.includes(raw))).toEqual([]);
  });

  it("when user B reuses user A's key, then B's request runs on its own and never sees A's response (row 5)", async () => {
    const key = `"${randomUUID()}"`;
    const forAlice = await json(await enroll(alice, 'roadmap-5', key));
    const bobsResponse = await enroll(bob, 'roadmap-5', key);
    const forBob = await json(bobsResponse);

    expect(bobsResponse.status).toBe(201);
    expect(bobsResponse.headers.get('idempotent-replayed')).toBeNull();
    expect(forBob['learnerId']).toBe(bob.userId);
    expect(forBob['at']).not.toBe(forAlice['at']);
    expect(effectsOf(bob, 'roadmap-5')).toBe(1);
  });

  it('when a completed key is stored, then it lives 24 h; once expired, a retry is treated as new (row 6)', async () => {
    const key = `"${randomUUID()}"`;
    await enroll(alice, 'roadmap-6', key);
    const ttls = await Promise.all((await redis.keys(`${gateway.config.GATEWAY_REDIS_KEY_PREFIX}idempotency:*`)).map(async (name) => [name, await redis.ttl(name)] as const));
    expect(ttls.length).toBeGreaterThan(0);
    for (const [, ttl] of ttls) expect(ttl).toBeGreaterThan(24 * 3600 - 60);

    // Time travel: expire every stored key now, as 24 h would.
    await Promise.all(ttls.map(([name]) => redis.pexpire(name, 1)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const retry = await enroll(alice, 'roadmap-6', key);

    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(effectsOf(alice, 'roadmap-6')).toBe(2);
  });

  it('when the service fails with 5xx on every attempt, then 502 and the key is released, so a retry with it runs again with the same forwarded key', async () => {
    const key = `"${randomUUID()}"`;
    failNext = 3;
    const failed = await enroll(alice, 'roadmap-7', key);
    const retried = await enroll(alice, 'roadmap-7', key);
    const posts = progress.calls.filter((c) => c.method === 'POST').slice(-4);

    expect(failed.status).toBe(502);
    expect(failed.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(retried.status).toBe(201);
    expect(new Set(posts.map((call) => call.headers['idempotency-key'])).size).toBe(1);
    expect(effectsOf(alice, 'roadmap-7')).toBe(1);
  });
});
