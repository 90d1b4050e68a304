import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LearnerOnboarded, RoadmapPublished, type EventData } from '@pathwise/contracts';
import { createTestIssuer } from '@pathwise/platform/auth/testing';
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

describe('internal onboarding routes (service tokens from the saga-worker, real PostgreSQL and Kafka)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let dataSource: DataSource;
  const roadmapId = `roadmap:onboarding-${randomUUID()}`;
  const tokens: Record<string, string> = {};

  const publishToCatalogTopic = (data: EventData<typeof RoadmapPublished>) => publishEvent(RoadmapPublished, data, { subject: data.roadmapId, aggregateVersion: data.version });

  async function call(method: string, path: string, options: { as?: string; body?: unknown; key?: string | null; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Json; headers: Headers }> {
    const key = options.key === undefined ? randomUUID() : options.key;
    const headers: Record<string, string> = {
      authorization: `Bearer ${tokens[options.as ?? 'service']}`,
      ...(key === null ? {} : { 'idempotency-key': key }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    };
    if (options.as === 'none') delete headers['authorization'];
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
  }

  const learnerPath = (learnerId: string) => `/internal/learners/${encodeURIComponent(learnerId)}`;
  const enrollmentPath = (learnerId: string, id = roadmapId) => `${learnerPath(learnerId)}/enrollments/${encodeURIComponent(id)}`;
  const streamOf = (learnerId: string) => `enrollment:${encodeURIComponent(learnerId)}:${encodeURIComponent(roadmapId)}`;

  async function eventTypes(learnerId: string): Promise<string[]> {
    const rows: { type: string }[] = await dataSource.query('SELECT type FROM event_store WHERE stream_id = $1 ORDER BY version', [streamOf(learnerId)]);
    return rows.map((row) => row.type);
  }

  /** The skill's status in the learner's view, once the read model has caught up with the write side. */
  async function statusOf(learnerId: string, skill: string): Promise<string> {
    const [{ version }] = await dataSource.query('SELECT max(version)::int AS version FROM event_store WHERE stream_id = $1', [streamOf(learnerId)]);
    const read = () => call('GET', `/enrollments/${encodeURIComponent(roadmapId)}`, { as: `learner:${learnerId}`, key: null });
    const response = await waitFor(read, (r) => r.status === 200 && r.body['version'] >= version, 45_000, `projection of version ${version}`);
    return response.body['progress'].stages.flatMap((stage: Json) => stage.skills).find((s: Json) => s.skillId === `skill:${skill}`)?.status;
  }

  async function enrolled(learnerId: string): Promise<void> {
    expect((await call('POST', `${learnerPath(learnerId)}/enrollments`, { body: { roadmapId } })).status).toBe(201);
  }

  async function learner(): Promise<string> {
    const learnerId = randomUUID();
    tokens[`learner:${learnerId}`] = await gateway.token({ subject: learnerId, audience: PROGRESS_AUDIENCE });
    return learnerId;
  }

  let gateway: Awaited<ReturnType<typeof createTestIssuer>>;

  beforeAll(async () => {
    const config = parseConfig(progressConfigSchema, { ...process.env, LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn' });
    await runMigrations({ url: config.PROGRESS_DATABASE_URL, service: 'progress', migrations: PROGRESS_MIGRATIONS });
    gateway = await createTestIssuer(config.AUTH_ISSUER);
    const sagaWorker = await createTestIssuer(config.AUTH_SERVICE_ISSUER);
    tokens['service'] = await sagaWorker.token({ subject: 'saga-worker', roles: ['service'], audience: PROGRESS_AUDIENCE });
    tokens['serviceOtherAudience'] = await sagaWorker.token({ subject: 'saga-worker', roles: ['service'], audience: 'pathwise:recommendation' });
    tokens['learner'] = await gateway.token({ subject: randomUUID(), audience: PROGRESS_AUDIENCE });
    app = await createProgressApp(config, { jwks: gateway.jwks, serviceJwks: sagaWorker.jwks });
    ({ baseUrl } = await serveOnEphemeralPort(app));
    dataSource = app.get(DataSource);
    await publishToCatalogTopic(roadmapPublished(roadmapId, 1));
    await waitFor(async () => (await dataSource.query('SELECT version FROM catalog_roadmaps WHERE roadmap_id = $1', [roadmapId]))[0]?.version, (v) => v === 1, 90_000, 'RoadmapPublished v1 in the catalog copy');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  describe('profile', () => {
    it('when the saga sets a profile twice with the same key, then both answers say there was none and one profile is stored', async () => {
      const learnerId = randomUUID();
      const body = { timeZone: 'Europe/Paris', weeklyHours: 6, goalSkillId: 'skill:docker' };
      const first = await call('PUT', `${learnerPath(learnerId)}/profile`, { body, key: 'profile-1' });
      const retry = await call('PUT', `${learnerPath(learnerId)}/profile`, { body, key: 'profile-1' });

      expect(first).toMatchObject({ status: 200, body: { previous: null } });
      expect(retry).toMatchObject({ status: 200, body: { previous: null } });
      expect(await dataSource.query('SELECT time_zone, weekly_hours, goal_skill_id FROM learner_profiles WHERE learner_id = $1', [learnerId])).toEqual([
        { time_zone: 'Europe/Paris', weekly_hours: 6, goal_skill_id: 'skill:docker' },
      ]);
    });

    it('when a profile existed, then a PUT answers it as previous, and the DELETE compensation is idempotent', async () => {
      const learnerId = randomUUID();
      await call('PUT', `${learnerPath(learnerId)}/profile`, { body: { timeZone: 'Asia/Tokyo' } });
      const replaced = await call('PUT', `${learnerPath(learnerId)}/profile`, { body: { timeZone: 'Europe/Paris', weeklyHours: 3 } });
      expect(replaced.body).toEqual({ previous: { timeZone: 'Asia/Tokyo', weeklyHours: null, goalSkillId: null } });

      expect((await call('DELETE', `${learnerPath(learnerId)}/profile`, { key: 'delete-1' })).status).toBe(204);
      expect((await call('DELETE', `${learnerPath(learnerId)}/profile`, { key: 'delete-1' })).status).toBe(204);
      expect((await call('DELETE', `${learnerPath(learnerId)}/profile`)).status).toBe(204);
      expect(await dataSource.query('SELECT 1 FROM learner_profiles WHERE learner_id = $1', [learnerId])).toEqual([]);
    });

    it('when the dashboard is asked without a time zone, then the profile decides it', async () => {
      const learnerId = await learner();
      await call('PUT', `${learnerPath(learnerId)}/profile`, { body: { timeZone: 'America/Los_Angeles' } });
      const dashboard = await call('GET', '/dashboard', { as: `learner:${learnerId}`, key: null });
      expect(dashboard.body['timeZone']).toBe('America/Los_Angeles');
    });

    it('when a key is reused with another body, or missing, then the answer is a 422 problem and nothing changes', async () => {
      const learnerId = randomUUID();
      await call('PUT', `${learnerPath(learnerId)}/profile`, { body: { timeZone: 'UTC' }, key: 'reused' });
      const reused = await call('PUT', `${learnerPath(learnerId)}/profile`, { body: { timeZone: 'Europe/Paris' }, key: 'reused' });
      const missing = await call('PUT', `${learnerPath(learnerId)}/profile`, { body: { timeZone: 'Europe/Paris' }, key: null });

      expect(reused.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
      expect(reused.body).toMatchObject({ status: 422, code: 'PROGRESS.IDEMPOTENCY_KEY_REUSED' });
      expect(missing.body).toMatchObject({ status: 422, code: 'PROGRESS.IDEMPOTENCY_KEY_REQUIRED' });
      expect(await dataSource.query('SELECT time_zone FROM learner_profiles WHERE learner_id = $1', [learnerId])).toEqual([{ time_zone: 'UTC' }]);
    });
  });

  describe('enrollments', () => {
    it('when the saga enrolls twice with the same key, then both answers are 201 created and one Enrolled is stored', async () => {
      const learnerId = randomUUID();
      const first = await call('POST', `${learnerPath(learnerId)}/enrollments`, { body: { roadmapId }, key: 'enroll-1' });
      const retry = await call('POST', `${learnerPath(learnerId)}/enrollments`, { body: { roadmapId }, key: 'enroll-1' });

      expect(first).toMatchObject({ status: 201, body: { created: true, roadmapId, version: 1 } });
      expect(retry).toMatchObject({ status: 201, body: first.body });
      expect(await eventTypes(learnerId)).toEqual(['Enrolled']);
      const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE message_key = $1', [streamOf(learnerId)]);
      expect(count).toBe(1);
    });

    it('when the learner was enrolled before, then the answer is 200 created:false with the current version', async () => {
      const learnerId = await learner();
      expect((await call('POST', '/enrollments', { as: `learner:${learnerId}`, key: null, body: { roadmapId } })).status).toBe(201);

      const again = await call('POST', `${learnerPath(learnerId)}/enrollments`, { body: { roadmapId: roadmapId.replace(/^roadmap:/, '') } });

      expect(again).toMatchObject({ status: 200, body: { created: false, roadmapId, version: 1 } });
      expect(await eventTypes(learnerId)).toEqual(['Enrolled']);
    });

    it('when the saga unenrolls twice, or a learner who was never enrolled, then every answer is 204 and one Unenrolled is stored', async () => {
      const learnerId = randomUUID();
      await enrolled(learnerId);
      expect((await call('DELETE', enrollmentPath(learnerId))).status).toBe(204);
      expect((await call('DELETE', enrollmentPath(learnerId))).status).toBe(204);
      expect((await call('DELETE', enrollmentPath(randomUUID()))).status).toBe(204);
      expect(await eventTypes(learnerId)).toEqual(['Enrolled', 'Unenrolled']);
    });
  });

  describe('known skills', () => {
    it('when resume skills are marked known twice with the same key, then both answers list the same changes and each skill has one event', async () => {
      const learnerId = await learner();
      await enrolled(learnerId);
      await call('PUT', `/enrollments/${encodeURIComponent(roadmapId)}/skills/skill:git`, { as: `learner:${learnerId}`, key: null, body: { status: 'completed' } });
      await call('PUT', `/enrollments/${encodeURIComponent(roadmapId)}/skills/skill:sql`, { as: `learner:${learnerId}`, key: null, body: { status: 'in-progress' } });
      const body = {
        skills: [
          { skillId: 'skill:git', evidenceRef: 'resume:1#git' },
          { skillId: 'skill:sql', evidenceRef: 'resume:1#sql' },
          { skillId: 'skill:docker', evidenceRef: 'resume:1#docker' },
          { skillId: 'skill:cobol', evidenceRef: 'resume:1#cobol' },
        ],
      };

      const first = await call('POST', `${enrollmentPath(learnerId)}/known-skills`, { body, key: 'known-1' });
      const retry = await call('POST', `${enrollmentPath(learnerId)}/known-skills`, { body, key: 'known-1' });

      expect(first).toMatchObject({
        status: 200,
        body: { changed: [{ skillId: 'skill:sql', previousStatus: 'in-progress' }, { skillId: 'skill:docker', previousStatus: 'pending' }], notInRoadmap: ['skill:cobol'] },
      });
      expect(retry.body).toEqual(first.body);
      expect(await eventTypes(learnerId)).toEqual(['Enrolled', 'SkillCompleted', 'SkillStarted', 'SkillMarkedKnown', 'SkillMarkedKnown']);
      const sources: { source: string }[] = await dataSource.query(
        "SELECT value::jsonb ->> 'source' AS source FROM outbox WHERE message_key = $1 AND event_type = 'pathwise.progress.skill-status-changed.v1' ORDER BY position DESC LIMIT 2",
        [streamOf(learnerId)],
      );
      expect(sources.map((row) => row.source)).toEqual(['resume-analysis', 'resume-analysis']);
    });

    it('when the saga reverts its changes, then exactly those skills get their previous status back, and a retry changes nothing more', async () => {
      const learnerId = await learner();
      await enrolled(learnerId);
      await call('PUT', `/enrollments/${encodeURIComponent(roadmapId)}/skills/skill:sql`, { as: `learner:${learnerId}`, key: null, body: { status: 'in-progress' } });
      await call('PUT', `/enrollments/${encodeURIComponent(roadmapId)}/skills/skill:http`, { as: `learner:${learnerId}`, key: null, body: { status: 'skipped' } });
      const marked = await call('POST', `${enrollmentPath(learnerId)}/known-skills`, {
        body: { skills: ['sql', 'http', 'docker'].map((skill) => ({ skillId: `skill:${skill}`, evidenceRef: `resume:2#${skill}` })) },
      });

      const reverted = await call('POST', `${enrollmentPath(learnerId)}/known-skills/revert`, { body: { changed: marked.body['changed'] }, key: 'revert-1' });
      const before = await eventTypes(learnerId);
      const retry = await call('POST', `${enrollmentPath(learnerId)}/known-skills/revert`, { body: { changed: marked.body['changed'] }, key: 'revert-1' });

      expect(reverted).toMatchObject({ status: 200, body: { reverted: ['skill:sql', 'skill:http', 'skill:docker'], leftAlone: [] } });
      expect(retry.body).toEqual(reverted.body);
      expect(await eventTypes(learnerId)).toEqual(before);
      expect([await statusOf(learnerId, 'sql'), await statusOf(learnerId, 'http'), await statusOf(learnerId, 'docker')]).toEqual(['in-progress', 'skipped', 'pending']);
    });

    it('when the learner changed a skill after the saga marked it known, then the revert leaves that skill alone', async () => {
      const learnerId = await learner();
      await enrolled(learnerId);
      const marked = await call('POST', `${enrollmentPath(learnerId)}/known-skills`, {
        body: { skills: ['docker', 'git'].map((skill) => ({ skillId: `skill:${skill}`, evidenceRef: `resume:3#${skill}` })) },
      });
      // The learner resets docker and claims it themselves.
      await call('PUT', `/enrollments/${encodeURIComponent(roadmapId)}/skills/skill:docker`, { as: `learner:${learnerId}`, key: null, body: { status: 'pending' } });
      await call('PUT', `/enrollments/${encodeURIComponent(roadmapId)}/skills/skill:docker`, { as: `learner:${learnerId}`, key: null, body: { status: 'known' } });

      const reverted = await call('POST', `${enrollmentPath(learnerId)}/known-skills/revert`, { body: { changed: marked.body['changed'] } });

      expect(reverted.body).toEqual({ reverted: ['skill:git'], leftAlone: ['skill:docker'] });
      expect([await statusOf(learnerId, 'docker'), await statusOf(learnerId, 'git')]).toEqual(['known', 'pending']);
    });
  });

  describe('onboarding complete', () => {
    it('when the saga completes the onboarding twice for one workflow, then the answers match and LearnerOnboarded is in the outbox once', async () => {
      const learnerId = randomUUID();
      await call('PUT', `${learnerPath(learnerId)}/profile`, { body: { timeZone: 'Europe/Paris' } });
      await enrolled(learnerId);
      await call('POST', `${enrollmentPath(learnerId)}/known-skills`, { body: { skills: [{ skillId: 'skill:docker', evidenceRef: 'resume:4' }] } });
      const workflowId = `onboarding:${learnerId}`;

      const first = await call('POST', `${learnerPath(learnerId)}/onboarding/complete`, { body: { roadmapId, workflowId }, key: 'complete-1' });
      const retry = await call('POST', `${learnerPath(learnerId)}/onboarding/complete`, { body: { roadmapId, workflowId }, key: 'complete-1' });
      const otherKey = await call('POST', `${learnerPath(learnerId)}/onboarding/complete`, { body: { roadmapId, workflowId }, key: 'complete-2' });

      expect(first).toMatchObject({ status: 200, body: { roadmapId, workflowId, knownSkills: 1 } });
      expect(retry.body).toEqual(first.body);
      expect(otherKey.body).toEqual(first.body);
      const rows: { topic: string; value: string }[] = await dataSource.query('SELECT topic, value FROM outbox WHERE message_key = $1 AND event_type = $2', [learnerId, LearnerOnboarded.type]);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.topic).toBe('progress.learner.events.v1');
      expect(JSON.parse(rows[0]?.value as string)).toEqual({ learnerId, roadmapId, onboardedAt: first.body['onboardedAt'], knownSkills: 1 });
      const [profile] = await dataSource.query('SELECT onboarded_at FROM learner_profiles WHERE learner_id = $1', [learnerId]);
      expect(profile.onboarded_at.toISOString()).toBe(first.body['onboardedAt']);
    });

    it('when the learner onboards again (a new run of the same workflow), then that run is recorded and LearnerOnboarded published again, once per run', async () => {
      const learnerId = randomUUID();
      await call('PUT', `${learnerPath(learnerId)}/profile`, { body: { timeZone: 'Europe/Paris' } });
      await enrolled(learnerId);
      const workflowId = `onboarding:${learnerId}`;
      const complete = (runId: string, key: string) => call('POST', `${learnerPath(learnerId)}/onboarding/complete`, { body: { roadmapId, workflowId, runId }, key });

      const first = await complete('run-1', `${workflowId}:run-1:complete`);
      const second = await complete('run-2', `${workflowId}:run-2:complete`);
      const secondAgain = await complete('run-2', `${workflowId}:run-2:complete:retried-by-hand`);

      expect([first.status, second.status, secondAgain.status]).toEqual([200, 200, 200]);
      expect(secondAgain.body).toEqual(second.body);
      const runs = await dataSource.query('SELECT run_id FROM learner_onboardings WHERE learner_id = $1 ORDER BY run_id', [learnerId]);
      expect(runs).toEqual([{ run_id: 'run-1' }, { run_id: 'run-2' }]);
      const published: { aggregate_version: number }[] = await dataSource.query('SELECT aggregate_version FROM outbox WHERE message_key = $1 AND event_type = $2 ORDER BY position', [
        learnerId,
        LearnerOnboarded.type,
      ]);
      expect(published).toEqual([{ aggregate_version: 1 }, { aggregate_version: 2 }]);
    });

    it('when the learner has no profile, then the answer is a 404 problem and nothing is appended', async () => {
      const learnerId = randomUUID();
      await enrolled(learnerId);
      const response = await call('POST', `${learnerPath(learnerId)}/onboarding/complete`, { body: { roadmapId, workflowId: 'w' } });
      expect(response.body).toMatchObject({ status: 404, code: 'PROGRESS.PROFILE_NOT_FOUND' });
      expect(await dataSource.query('SELECT 1 FROM outbox WHERE message_key = $1', [learnerId])).toEqual([]);
    });
  });

  describe('who may call', () => {
    const learnerId = randomUUID();
    const routes: [string, string, unknown?][] = [
      ['PUT', `${learnerPath(learnerId)}/profile`, { timeZone: 'UTC' }],
      ['DELETE', `${learnerPath(learnerId)}/profile`, undefined],
      ['POST', `${learnerPath(learnerId)}/enrollments`, { roadmapId }],
      ['DELETE', `${learnerPath(learnerId)}/enrollments/roadmap:x`, undefined],
      ['POST', `${learnerPath(learnerId)}/enrollments/roadmap:x/known-skills`, { skills: [{ skillId: 'skill:git', evidenceRef: 'r' }] }],
      ['POST', `${learnerPath(learnerId)}/enrollments/roadmap:x/known-skills/revert`, { changed: [{ skillId: 'skill:git', previousStatus: 'pending' }] }],
      ['POST', `${learnerPath(learnerId)}/onboarding/complete`, { roadmapId, workflowId: 'w' }],
    ];

    it.each(routes)('when %s %s is called with a learner token, without a token or with a service token for another audience, then 403, 401, 401 and nothing is stored', async (method, path, body) => {
      const answers = await Promise.all(['learner', 'none', 'serviceOtherAudience'].map((as) => call(method, path, { as, body })));
      expect(answers.map((answer) => answer.status)).toEqual([403, 401, 401]);
      expect(answers.every((answer) => answer.headers.get('content-type') === PROBLEM_CONTENT_TYPE)).toBe(true);
      expect(await dataSource.query('SELECT 1 FROM internal_requests WHERE learner_id = $1', [learnerId])).toEqual([]);
    });
  });
});
