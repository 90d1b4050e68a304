import { LearnerEnrolled } from '@pathwise/contracts';
import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import { freezeInfrastructure, metricValue, waitFor } from '@pathwise/platform/testing';
import { randomUUID } from 'node:crypto';
import { startPlatform, type RunningPlatform } from './testing';

const QUOTA = 40;
const PASSWORD = 'correct horse battery staple';

interface Learner {
  email: string;
  id: string;
  accessToken: string;
  refreshToken: string;
}

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
  ms: number;
}

/**
 * Reliability cases (docs/reliability.md) that need the whole system: the gateway in front of real catalog and progress
 * processes, two gateway replicas sharing Redis, and the processes' own logs.
 */
describe('the platform through its gateways (separate processes)', () => {
  let platform: RunningPlatform;
  let gatewayA: string;
  let gatewayB: string;
  /** Every secret this suite sent anywhere; none may show up in any process's log (row 20). */
  const secrets = new Set<string>([PASSWORD]);

  beforeAll(async () => {
    platform = await startPlatform({ principalPerMinute: QUOTA });
    [gatewayA, gatewayB] = platform.gateways;
  }, 120_000);

  afterAll(async () => {
    await platform?.close();
  });

  async function call(baseUrl: string, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, body: text && contentType.includes('json') ? JSON.parse(text) : text, ms: performance.now() - started };
  }

  async function signUp(baseUrl = gatewayA): Promise<Learner> {
    const email = `learner-${randomUUID()}@example.test`;
    const created = await call(baseUrl, 'POST', '/v1/auth/sign-up', { body: { email, password: PASSWORD } });
    expect(created.status).toBe(201);
    const login = await call(baseUrl, 'POST', '/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    secrets.add(login.body.accessToken).add(login.body.refreshToken);
    return { email, id: created.body.id, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken };
  }

  const key = () => `"${randomUUID()}"`;

  describe('a learner enrolls and makes progress through either replica', () => {
    let ada: Learner;

    beforeAll(async () => {
      ada = await signUp();
    });

    it('when the same Idempotency-Key is sent to both replicas, then the second answer replays the first and progress records one enrollment and one outbox row (row 1)', async () => {
      const idempotencyKey = key();
      const first = await call(gatewayA, 'POST', '/v1/enrollments', { token: ada.accessToken, body: { roadmapId: platform.roadmap.slug }, headers: { 'idempotency-key': idempotencyKey } });
      const second = await call(gatewayB, 'POST', '/v1/enrollments', { token: ada.accessToken, body: { roadmapId: platform.roadmap.slug }, headers: { 'idempotency-key': idempotencyKey } });

      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('location')).toBe(first.headers.get('location'));
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const [{ events }] = await platform.progressDb.query(`SELECT count(*)::int AS events FROM event_store WHERE type = 'Enrolled' AND data->>'learnerId' = $1`, [ada.id]);
      expect(events).toBe(1);
      const [{ rows }] = await platform.progressDb.query(`SELECT count(*)::int AS rows FROM outbox WHERE event_type = $1 AND value::jsonb->>'learnerId' = $2`, [LearnerEnrolled.type, ada.id]);
      expect(rows).toBe(1);
    });

    it('when a skill is completed, then the composed dashboard counts it against the roadmap the catalog published', async () => {
      const done = await call(gatewayB, 'PUT', `/v1/enrollments/${encodeURIComponent(platform.roadmap.id)}/skills/skill%3Ahttp`, { token: ada.accessToken, body: { status: 'completed' } });
      expect(done.status).toBe(200);

      const dashboard = await call(gatewayA, 'GET', '/v1/learner-dashboard', { token: ada.accessToken });
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.degraded).toEqual([]);
      expect(JSON.stringify(dashboard.body)).toContain(platform.roadmap.id);
      const enrollment = await call(gatewayA, 'GET', `/v1/enrollments/${encodeURIComponent(platform.roadmap.id)}`, { token: ada.accessToken });
      expect(enrollment.body.progress.overall).toMatchObject({ done: 1, total: 2 });
    });

    describe('another learner tries to reach her enrollment (row 23)', () => {
      let bo: Learner;
      let before: Answer;
      const roadmap = () => encodeURIComponent(platform.roadmap.id);

      beforeAll(async () => {
        bo = await signUp(gatewayB);
        before = await call(gatewayA, 'GET', `/v1/enrollments/${roadmap()}`, { token: ada.accessToken });
      });

      it('when B reads, changes or deletes it by roadmap id, then each answer is 404 problem+json', async () => {
        for (const [method, path, body] of [
          ['GET', `/v1/enrollments/${roadmap()}`, undefined],
          ['PUT', `/v1/enrollments/${roadmap()}/skills/skill%3Arest-api`, { status: 'completed' }],
          ['DELETE', `/v1/enrollments/${roadmap()}`, undefined],
        ] as const) {
          const answer = await call(gatewayB, method, path, { token: bo.accessToken, body });
          expect({ method, status: answer.status, type: answer.headers.get('content-type') }).toEqual({ method, status: 404, type: expect.stringContaining(PROBLEM_CONTENT_TYPE) });
        }
      });

      it("when B names A in a body or a query, then the request is refused and never acts as A", async () => {
        const inBody = await call(gatewayB, 'POST', '/v1/enrollments', { token: bo.accessToken, body: { roadmapId: platform.roadmap.slug, learnerId: ada.id }, headers: { 'idempotency-key': key() } });
        expect(inBody.status).toBe(422);
        expect(inBody.body.errors).toContainEqual(expect.objectContaining({ pointer: '/learnerId' }));
        const inQuery = await call(gatewayB, 'GET', `/v1/timeline?learnerId=${ada.id}`, { token: bo.accessToken });
        expect(inQuery.status).toBe(400);
      });

      it("when B lists enrollments, the timeline and the export, then none of A's objects appear, and A's enrollment is unchanged", async () => {
        for (const path of ['/v1/enrollments', '/v1/timeline?limit=50', '/v1/export', '/v1/dashboard']) {
          const answer = await call(gatewayB, 'GET', path, { token: bo.accessToken });
          expect({ path, status: answer.status }).toEqual({ path, status: 200 });
          expect(JSON.stringify(answer.body)).not.toContain(platform.roadmap.id);
        }
        const after = await call(gatewayA, 'GET', `/v1/enrollments/${roadmap()}`, { token: ada.accessToken });
        expect(after.body).toEqual(before.body);
      });
    });
  });

  it('when one principal bursts across both replicas, then at most the quota is accepted in total and another principal is unaffected (row 9)', async () => {
    const [burster, bystander] = await Promise.all([signUp(), signUp()]);
    const answers = await Promise.all(
      Array.from({ length: QUOTA * 2 }, (_, index) => call(index % 2 === 0 ? gatewayA : gatewayB, 'GET', '/v1/me', { token: burster.accessToken })),
    );
    const accepted = answers.filter((answer) => answer.status === 200);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(accepted).toHaveLength(QUOTA);
    expect(limited).toHaveLength(QUOTA);
    expect(new Set(accepted.map((answer) => answer.headers.get('x-request-id')))).toHaveProperty('size', QUOTA);
    for (const answer of limited) expect(answer.body).toMatchObject({ status: 429, type: expect.stringContaining('quota-exceeded') });

    expect((await call(gatewayB, 'GET', '/v1/me', { token: bystander.accessToken })).status).toBe(200);
  });

  it('when Redis stops answering during traffic, then reads pass unlimited and counted, writes that need a key and logins answer 503, and nothing hangs (row 10)', async () => {
    const learner = await signUp();
    const degradedBefore = (await metricValue(gatewayA, 'gateway_rate_limit_decisions_total', { decision: 'degraded' })) ?? 0;
    const resume = freezeInfrastructure('redis');
    let answers: Answer[];
    try {
      answers = await Promise.all([
        call(gatewayA, 'GET', '/v1/me', { token: learner.accessToken }),
        call(gatewayA, 'GET', `/v1/enrollments`, { token: learner.accessToken }),
        call(gatewayA, 'POST', '/v1/enrollments', { token: learner.accessToken, body: { roadmapId: platform.roadmap.slug }, headers: { 'idempotency-key': key() } }),
        call(gatewayA, 'POST', '/v1/auth/login', { body: { email: learner.email, password: PASSWORD } }),
      ]);
    } finally {
      resume();
    }
    const [me, list, enroll, login] = answers;
    expect(me?.status).toBe(200);
    expect(list?.status).toBe(200);
    expect(enroll).toMatchObject({ status: 503, body: { type: expect.stringContaining('idempotency-unavailable') } });
    expect(enroll?.headers.get('retry-after')).toBe('5');
    expect(login).toMatchObject({ status: 503, body: { type: expect.stringContaining('login-unavailable') } });
    for (const answer of answers) expect(answer.ms).toBeLessThan(3_000);
    expect(await metricValue(gatewayA, 'gateway_rate_limit_decisions_total', { decision: 'degraded' })).toBeGreaterThan(degradedBefore);
    // Nothing was forwarded for the refused write.
    const [{ events }] = await platform.progressDb.query(`SELECT count(*)::int AS events FROM event_store WHERE data->>'learnerId' = $1`, [learner.id]);
    expect(events).toBe(0);
  });

  it('when a query fails inside the gateway, then the client gets a generic 500 with a request id and the log holds the full error under that id (row 14)', async () => {
    await platform.gatewayDb.query(`ALTER TABLE ${platform.gatewaySchema}.users RENAME TO users_away`);
    let answer: Answer;
    try {
      answer = await call(gatewayA, 'POST', '/v1/auth/sign-up', { body: { email: `learner-${randomUUID()}@example.test`, password: PASSWORD } });
    } finally {
      await platform.gatewayDb.query(`ALTER TABLE ${platform.gatewaySchema}.users_away RENAME TO users`);
    }
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toContain(PROBLEM_CONTENT_TYPE);
    expect(answer.body).toMatchObject({ status: 500, detail: expect.not.stringMatching(/users|relation|QueryFailed|at \w|\.ts|\.js|SELECT|INSERT/i) });
    const requestId = answer.headers.get('x-request-id') as string;
    expect(answer.body.requestId).toBe(requestId);
    expect(JSON.stringify(answer.body)).not.toMatch(/stack|users_away|QueryFailedError/);
    // The process writes its log line after answering: wait for it rather than race it.
    const full = (line: string) => line.includes(requestId) && line.includes('relation \\"users\\" does not exist') && line.includes('"stack"');
    expect(await waitFor(async () => platform.logs().some(full), (found) => found, 5_000, `the log line of request ${requestId}`)).toBe(true);
  });

  it('when tokens travel in headers, in the query string and with failing requests, then no process ever logs a token or a password (row 20)', async () => {
    const learner = await signUp();
    const inQuery = await call(gatewayA, 'GET', `/v1/me?access_token=${learner.accessToken}`);
    expect(inQuery.status).toBe(401);
    const directly = await call(platform.progressUrl, 'GET', `/enrollments?access_token=${learner.accessToken}`);
    expect(directly.status).toBe(401);
    expect((await call(gatewayA, 'GET', '/v1/no-such-route', { token: learner.accessToken })).status).toBe(404);
    expect((await call(gatewayA, 'POST', '/v1/auth/refresh', { body: { refreshToken: learner.refreshToken } })).status).toBe(200);
    expect((await call(gatewayA, 'POST', '/v1/auth/refresh', { body: { refreshToken: learner.refreshToken } })).status).toBe(401);
    const forged = `${learner.accessToken.slice(0, -4)}AAAA`;
    secrets.add(forged);
    expect((await call(gatewayB, 'GET', '/v1/enrollments', { token: forged })).status).toBe(401);

    const logs = platform.logs();
    expect(logs.length).toBeGreaterThan(50);
    // The requests above were logged (by path and id), just not their secrets.
    expect(logs.some((line) => line.includes('/v1/no-such-route'))).toBe(true);
    for (const secret of secrets) {
      const leaks = logs.filter((line) => line.includes(secret) || line.includes(secret.split('.')[2] ?? secret));
      expect({ secret: `${secret.slice(0, 12)}…`, leaks }).toEqual({ secret: `${secret.slice(0, 12)}…`, leaks: [] });
    }
  });
});
