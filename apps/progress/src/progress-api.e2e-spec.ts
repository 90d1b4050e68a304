import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RoadmapPublished, type EventData } from '@pathwise/contracts';
import { createTestIssuer, type TestIssuer } from '@pathwise/platform/auth/testing';
import { parseConfig } from '@pathwise/platform/config';
import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import { runMigrations } from '@pathwise/platform/persistence';
import { publishEvent, serveOnEphemeralPort, waitFor } from '@pathwise/platform/testing';
import { PROGRESS_MIGRATIONS } from '@pathwise/progress/feature';
import { roadmapPublished } from '@pathwise/progress/feature/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PROGRESS_AUDIENCE } from './app.module';
import { progressConfigSchema } from './config';
import { createProgressApp } from './progress-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('progress HTTP API (real PostgreSQL, Kafka, catalog events through the inbox)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let issuer: TestIssuer;
  let dataSource: DataSource;
  const roadmapId = `roadmap:backend-${randomUUID()}`;
  const learnerA = randomUUID();
  const learnerB = randomUUID();
  const tokens: Record<string, string> = {};

  const publishToCatalogTopic = (data: EventData<typeof RoadmapPublished>) => publishEvent(RoadmapPublished, data, { subject: data.roadmapId, aggregateVersion: data.version });

  async function call(method: string, path: string, options: { as?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Json; text: string; headers: Headers }> {
    const headers: Record<string, string> = { ...(options.as ? { authorization: `Bearer ${tokens[options.as]}` } : {}), ...options.headers };
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)) });
    const text = await response.text();
    let body: Json = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = {};
    }
    return { status: response.status, body, text, headers: response.headers };
  }

  const enrollmentPath = (id = roadmapId) => `/enrollments/${encodeURIComponent(id)}`;
  const skillPath = (skill: string, id = roadmapId) => `${enrollmentPath(id)}/skills/${encodeURIComponent(`skill:${skill}`)}`;

  async function projected(as: string, version: number): Promise<Json> {
    return (await waitFor(() => call('GET', enrollmentPath(), { as }), (r) => r.status === 200 && r.body['version'] >= version, 45_000, `projection of version ${version}`)).body;
  }

  /** A's enrollment once the read model has caught up with everything the write side committed. */
  async function settledA(): Promise<Json> {
    const [{ version }] = await dataSource.query('SELECT max(version)::int AS version FROM event_store WHERE stream_id = (SELECT stream_id FROM enrollment_streams WHERE learner_id = $1)', [learnerA]);
    return projected('A', version);
  }

  beforeAll(async () => {
    const config = parseConfig(progressConfigSchema, { ...process.env, LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn' });
    await runMigrations({ url: config.PROGRESS_DATABASE_URL, service: 'progress', migrations: PROGRESS_MIGRATIONS });
    issuer = await createTestIssuer(config.AUTH_ISSUER);
    tokens['A'] = await issuer.token({ subject: learnerA, audience: PROGRESS_AUDIENCE });
    tokens['B'] = await issuer.token({ subject: learnerB, audience: PROGRESS_AUDIENCE });
    tokens['otherAudience'] = await issuer.token({ subject: learnerA, audience: 'pathwise:catalog' });
    app = await createProgressApp(config, { jwks: issuer.jwks });
    ({ baseUrl } = await serveOnEphemeralPort(app));
    dataSource = app.get(DataSource);
    await publishToCatalogTopic(roadmapPublished(roadmapId, 1));
    await waitFor(async () => (await dataSource.query('SELECT version FROM catalog_roadmaps WHERE roadmap_id = $1', [roadmapId]))[0]?.version, (v) => v === 1, 90_000, 'RoadmapPublished v1 in the catalog copy');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('when a learner enrolls in the backend roadmap and completes skills, then they see N / 32 done per stage and overall', async () => {
    const enrolled = await call('POST', '/enrollments', { as: 'A', body: { roadmapId } });
    expect(enrolled.status).toBe(201);
    expect(enrolled.headers.get('location')).toBe(enrollmentPath());
    expect(enrolled.body).toMatchObject({ roadmapId, roadmapVersion: 1, version: 1, progress: { overall: { done: 0, total: 32 } } });
    expect(enrolled.body['progress'].stages).toHaveLength(9);

    let version = enrolled.body['version'] as number;
    for (const skill of ['http', 'linux', 'git', 'sql']) {
      const changed = await call('PUT', skillPath(skill), { as: 'A', body: { status: 'completed', expectedVersion: version } });
      expect(changed.status).toBe(200);
      version = changed.body['version'];
    }
    const known = await call('PUT', skillPath('docker'), { as: 'A', body: { status: 'known', evidenceRef: 'cert-42' } });
    expect(known.body['progress'].overall).toMatchObject({ done: 4, known: 1, total: 32 });

    const view = await projected('A', known.body['version']);
    expect(view['progress'].overall).toEqual({ done: 4, known: 1, skipped: 0, inProgress: 0, pending: 27, total: 32 });
    expect(view['progress'].stages[0]).toMatchObject({ stageId: 'stage:fundamentals', done: 3, total: 3 });
    expect(view['roadmapTitle']).toBe('Backend Engineer');
    expect((await call('GET', enrollmentPath(), { as: 'A' })).headers.get('etag')).toBe(`"${known.body['version']}"`);

    // Every event of the enrollment reaches Kafka through the outbox relay.
    const streamId = enrolled.body['enrollmentId'];
    await waitFor(async () => dataSource.query("SELECT status FROM outbox WHERE message_key = $1 AND status <> 'published'", [streamId]), (rows) => rows.length === 0, 45_000, 'outbox relay');
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE message_key = $1', [streamId]);
    expect(count).toBe(6);
  });

  it('when the catalog publishes a version without one completed skill and with a new one, then completed skills are kept and the totals follow', async () => {
    await publishToCatalogTopic(roadmapPublished(roadmapId, 2, { remove: ['git'], add: ['event-sourcing'] }));

    const view = (await waitFor(() => call('GET', enrollmentPath(), { as: 'A' }), (r) => r.body['roadmapVersion'] === 2, 45_000, 'adoption of v2')).body;
    expect(view['progress'].overall).toMatchObject({ done: 3, known: 1, total: 32 });
    expect(view['progress'].stages[0]).toMatchObject({ stageId: 'stage:fundamentals', done: 2, total: 2 });
    expect(view['progress'].archivedSkills).toEqual([{ skillId: 'skill:git', status: 'completed' }]);
    expect(view['progress'].stages[8].skills).toContainEqual({ skillId: 'skill:event-sourcing', status: 'pending' });
  });

  it('when two updates of the same enrollment race with the same expected version, then one succeeds and the other is a 409 problem', async () => {
    const current = (await settledA())['version'] as number;

    const responses = await Promise.all(
      ['rest-api', 'caching'].map((skill) => call('PUT', skillPath(skill), { as: 'A', body: { status: 'in-progress', expectedVersion: current } })),
    );

    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const conflict = responses.find((r) => r.status === 409) as { body: Json; headers: Headers };
    expect(conflict.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(conflict.body).toMatchObject({ status: 409, code: 'PROGRESS.VERSION_CONFLICT', expectedVersion: current });
  });

  it('when learner B addresses learner A’s enrollment by path, query or body, then every answer is 404 or a refusal and A’s data is unchanged', async () => {
    const before = await settledA();
    const enrollmentId = before['enrollmentId'] as string;

    expect((await call('GET', enrollmentPath(), { as: 'B' })).status).toBe(404);
    // By A's enrollment id: longer than any roadmap id the router accepts, so 414 problem+json — never A's data.
    const byId = await call('GET', enrollmentPath(enrollmentId), { as: 'B' });
    expect(byId.status).toBe(414);
    expect(byId.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(byId.text).not.toContain('"progress"');
    expect((await call('PUT', skillPath('kubernetes'), { as: 'B', body: { status: 'completed' } })).status).toBe(404);
    expect((await call('DELETE', enrollmentPath(), { as: 'B' })).status).toBe(404);
    const smuggled = await call('POST', '/enrollments', { as: 'B', body: { roadmapId, learnerId: learnerA } });
    expect(smuggled.status).toBe(422);
    expect(smuggled.body['errors']).toEqual([{ pointer: '/learnerId', detail: 'is not a known field' }]);
    const list = await call('GET', `/enrollments?learnerId=${encodeURIComponent(learnerA)}`, { as: 'B' });
    expect(list.status).toBe(200);
    expect(list.body['items']).toEqual([]);
    expect((await call('GET', '/timeline', { as: 'B' })).body['items']).toEqual([]);
    expect((await call('GET', '/dashboard', { as: 'B' })).body['enrollments']).toEqual([]);
    expect((await call('GET', '/export?format=json', { as: 'B' })).body['enrollments']).toEqual([]);

    const after = (await call('GET', enrollmentPath(), { as: 'A' })).body;
    expect(after).toEqual(before);
  });

  it('when a request has no token or a token for another service, then it is 401 problem+json', async () => {
    for (const as of [undefined, 'otherAudience']) {
      const response = await call('GET', '/enrollments', as ? { as } : {});
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    }
  });

  it('when the body carries mass-assignment fields and invalid values, then it is 422 with one error per field', async () => {
    const response = await call('PUT', skillPath('kubernetes'), {
      as: 'A',
      body: { status: 'mastered', expectedVersion: -3, learnerId: learnerB, version: 99, createdAt: '2020-01-01' },
    });

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.body['errors'].map((error: { pointer: string }) => error.pointer).sort()).toEqual(['/createdAt', '/expectedVersion', '/learnerId', '/status', '/version']);
  });

  it('when input is malformed (bad JSON, wrong content type, huge limit, unknown time zone, unknown skill), then each is a problem+json with the right status', async () => {
    const cases = [
      [await call('POST', '/enrollments', { as: 'A', rawBody: '{"roadmapId": ' }), 400],
      [await call('POST', '/enrollments', { as: 'A', rawBody: '<roadmapId>x</roadmapId>', headers: { 'content-type': 'application/xml' } }), 415],
      [await call('GET', '/timeline?limit=1000000', { as: 'A' }), 400],
      [await call('GET', '/dashboard?timeZone=Mars%2FOlympus', { as: 'A' }), 400],
      [await call('GET', '/export?format=xml', { as: 'A' }), 400],
      [await call('PUT', skillPath('cobol'), { as: 'A', body: { status: 'completed' } }), 422],
      [await call('POST', '/enrollments', { as: 'A', body: { roadmapId: 'roadmap:does-not-exist' } }), 404],
      [await call('POST', '/enrollments', { as: 'A', body: { roadmapId } }), 409],
    ] as const;
    for (const [response, status] of cases) {
      expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status, type: PROBLEM_CONTENT_TYPE });
      expect(response.body['status']).toBe(status);
    }
    expect(cases[5][0].body['code']).toBe('PROGRESS.SKILL_NOT_IN_ROADMAP');
    expect(cases[7][0].body['code']).toBe('PROGRESS.ALREADY_ENROLLED');
  });

  it('when the learner reads the timeline, dashboard and exports, then they show their own activity, streak and every skill', async () => {
    const latest = (await settledA())['version'] as number;
    await waitFor(() => call('GET', '/timeline?limit=100', { as: 'A' }), (r) => r.body['items']?.[0]?.version === latest, 45_000, 'timeline caught up');

    const page = await call('GET', `/timeline?limit=2&roadmapId=${encodeURIComponent(roadmapId)}`, { as: 'A' });
    expect(page.body['items']).toHaveLength(2);
    const older = await call('GET', `/timeline?limit=100&before=${page.body['nextBefore']}`, { as: 'A' });
    expect(older.body['items'].map((item: Json) => item['type'])).toContain('Enrolled');
    expect(older.body['items'].every((item: Json) => BigInt(item['position']) < BigInt(page.body['nextBefore']))).toBe(true);

    const dashboard = await call('GET', '/dashboard?timeZone=Pacific%2FAuckland', { as: 'A' });
    expect(dashboard.body).toMatchObject({
      timeZone: 'Pacific/Auckland',
      totals: { activeEnrollments: 1, completedRoadmaps: 0, distinctSkillsDone: 3 },
      streak: { current: 1, longest: 1, activeToday: true },
    });

    const json = await call('GET', '/export?format=json', { as: 'A' });
    expect(json.headers.get('content-disposition')).toBe('attachment; filename="progress.json"');
    // 32 counted skills of v2 plus the archived skill:git.
    expect(json.body['enrollments'][0].skills).toHaveLength(33);
    const csv = await call('GET', '/export?format=csv', { as: 'A' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('roadmapId,roadmapVersion,stageId,skillId,status,counted,changedAt,knownSource,evidenceRef');
    expect(lines).toHaveLength(34);
    expect(lines).toContainEqual(expect.stringMatching(/,skill:git,completed,false,/));
  });

  it('when the OpenAPI document is fetched, then it lists every route, each behind bearer auth', async () => {
    const response = await call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const paths = response.body['paths'] as Record<string, Record<string, { security?: unknown[] }>>;
    const api = Object.keys(paths).filter((path) => !path.startsWith('/health/') && path !== '/metrics');
    expect(api.sort()).toEqual([
      '/dashboard',
      '/enrollments',
      '/enrollments/{roadmapId}',
      '/enrollments/{roadmapId}/skills/{skillId}',
      '/export',
      '/internal/learners/{learnerId}/enrollments',
      '/internal/learners/{learnerId}/enrollments/{roadmapId}',
      '/internal/learners/{learnerId}/enrollments/{roadmapId}/known-skills',
      '/internal/learners/{learnerId}/enrollments/{roadmapId}/known-skills/revert',
      '/internal/learners/{learnerId}/onboarding/complete',
      '/internal/learners/{learnerId}/profile',
      '/timeline',
    ]);
    for (const path of api) for (const operation of Object.values(paths[path] ?? {})) expect(operation.security).toEqual([{ bearer: [] }]);
    expect(paths['/enrollments/{roadmapId}/skills/{skillId}']?.['put']).toMatchObject({ requestBody: expect.anything() });
  });

  it('when /metrics is scraped, then projection lag and backlog age are exposed', async () => {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(text).toMatch(/progress_projection_lag_seconds_count\{[^}]*projection="progress-read-models"[^}]*\} [1-9]/);
    expect(text).toMatch(/progress_projection_backlog_age_seconds\{[^}]*\} \d/);
  });
});
