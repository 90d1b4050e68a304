import { LearnerOnboarded } from '@pathwise/contracts';
import { randomUUID } from 'node:crypto';
import { newLearner, startPlatform, type RunningPlatform } from './testing';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RESUME = `SKILLS
PostgreSQL, Git, Docker

EXPERIENCE
Backend Engineer, Example GmbH, Mar 2020 - Present
Built REST APIs on PostgreSQL; shipped them in Docker.
`;

/**
 * The onboarding saga as a learner drives it through the gateway: Temporal runs the workflow on
 * the saga-worker process, which calls progress and recommendation with its own service token.
 */
describe('onboarding through the gateway (saga on Temporal, separate processes)', () => {
  let platform: RunningPlatform;
  let gateway: string;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startPlatform({ principalPerMinute: 10_000, sagaWorker: true });
    [gateway] = platform.gateways;
    for (const who of ['ada', 'bo', 'cy']) {
      const learner = await newLearner(gateway, who);
      tokens[who] = learner.accessToken;
      ids[who] = learner.id;
    }
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
  });

  async function send(method: string, path: string, options: { as?: string; body?: unknown; raw?: string; type?: string } = {}): Promise<{ status: number; body: Json; headers: Headers }> {
    const json = options.body !== undefined;
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: {
        ...(options.as ? { authorization: `Bearer ${tokens[options.as]}` } : {}),
        ...(json ? { 'content-type': 'application/json' } : options.type ? { 'content-type': options.type } : {}),
        ...(method === 'POST' && options.as ? { 'idempotency-key': `"${randomUUID()}"` } : {}),
      },
      ...(json ? { body: JSON.stringify(options.body) } : options.raw !== undefined ? { body: options.raw } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
  }

  async function until(as: string, path: string, done: (body: Json) => boolean, what: string): Promise<Json> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await send('GET', path, { as });
      if (done(body)) return body;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(body).slice(0, 400)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function analysedResume(as: string): Promise<string> {
    const uploaded = await send('POST', '/v1/resumes', { as, raw: RESUME, type: 'text/plain' });
    expect(uploaded.status).toBe(202);
    await until(as, `/v1/resumes/${uploaded.body['id']}`, (body) => body['status'] === 'analyzed', 'the resume analysis');
    return uploaded.body['id'] as string;
  }

  /** What the saga left in progress's own tables for one learner: the write side and the outbox. */
  async function progressRecords(learnerId: string) {
    const db = platform.progressDb;
    const streams = (await db.query('SELECT stream_id, open FROM enrollment_streams WHERE learner_id = $1', [learnerId])) as { stream_id: string; open: boolean }[];
    const events = (await db.query('SELECT type, data FROM event_store WHERE stream_id = ANY($1) ORDER BY position', [streams.map((stream) => stream.stream_id)])) as { type: string; data: Json }[];
    const onboardings = (await db.query('SELECT workflow_id FROM learner_onboardings WHERE learner_id = $1', [learnerId])) as { workflow_id: string }[];
    const published = (await db.query('SELECT 1 FROM outbox WHERE message_key = $1 AND event_type = $2', [learnerId, LearnerOnboarded.type])) as unknown[];
    return { streams, events, onboardings, published: published.length };
  }

  it('when a learner onboards with a resume and confirms some detected skills, then the enrollment has exactly those skills known and the saga completes', async () => {
    expect((await send('GET', '/v1/onboarding', { as: 'ada' })).status).toBe(404);
    const resumeUploadId = await analysedResume('ada');

    const started = await send('POST', '/v1/onboarding', { as: 'ada', body: { roadmapId: 'backend', timeZone: 'Europe/Paris', weeklyHours: 6, resumeUploadId } });
    expect(started.status).toBe(202);
    const waiting = await until('ada', '/v1/onboarding', (body) => body['awaitingConfirmation'] === true, 'the confirmation step');
    const detected = (waiting['detectedSkills'] as Json[]).map((skill) => skill['skillId'] as string);
    expect(detected.length).toBeGreaterThanOrEqual(2);
    expect(detected).toContain('skill:git');

    // Bo can neither see nor drive Ada's onboarding: his own does not exist.
    expect((await send('GET', '/v1/onboarding', { as: 'bo' })).status).toBe(404);
    expect((await send('POST', '/v1/onboarding/confirmation', { as: 'bo', body: { confirmed: detected, rejected: [] } })).status).toBe(404);
    expect((await send('POST', '/v1/onboarding/cancel', { as: 'bo' })).status).toBe(404);
    expect((await send('GET', '/v1/onboarding', { as: 'ada' })).body).toMatchObject({ awaitingConfirmation: true });

    const confirmed = detected.slice(0, 2);
    const answer = await send('POST', '/v1/onboarding/confirmation', { as: 'ada', body: { confirmed, rejected: detected.filter((id) => !confirmed.includes(id)) } });
    expect(answer.status).toBe(200);
    const done = await until('ada', '/v1/onboarding', (body) => body['outcome'] !== undefined, 'the end of the saga');
    expect(done).toMatchObject({ outcome: 'completed', compensated: [] });

    const enrollment = await send('GET', '/v1/enrollments/roadmap%3Abackend', { as: 'ada' });
    expect(enrollment.status).toBe(200);
    const statuses = new Map((enrollment.body['progress'].stages as Json[]).flatMap((stage) => (stage['skills'] as Json[]).map((skill) => [skill['skillId'], skill['status']])));
    for (const id of detected) expect({ id, status: statuses.get(id) }).toEqual({ id, status: confirmed.includes(id) ? 'known' : 'pending' });
    expect(enrollment.body['progress'].overall).toMatchObject({ known: 2 });

    // Started again after it ended: a new onboarding (a new run with keys of its own), recorded by progress as a second one.
    expect((await send('POST', '/v1/onboarding', { as: 'ada', body: { roadmapId: 'backend', timeZone: 'America/New_York' } })).status).toBe(202);
    const again = await until('ada', '/v1/onboarding', (body) => body['outcome'] !== undefined, 'the second onboarding');
    expect(again).toMatchObject({ outcome: 'completed' });
    const records = await progressRecords(ids['ada']!);
    expect(records.onboardings).toHaveLength(2);
    expect(records.published).toBe(2);
    // Already enrolled: the second run neither enrolled again nor changed the known skills.
    expect(records.events.map((event) => event.type)).toEqual(['Enrolled', ...confirmed.map(() => 'SkillMarkedKnown')]);
  }, 120_000);

  it('when a learner cancels midway, then the compensations leave nothing of the onboarding in progress', async () => {
    const resumeUploadId = await analysedResume('bo');
    expect((await send('POST', '/v1/onboarding', { as: 'bo', body: { roadmapId: 'backend', timeZone: 'UTC', resumeUploadId } })).status).toBe(202);
    await until('bo', '/v1/onboarding', (body) => body['awaitingConfirmation'] === true, 'the confirmation step');
    expect((await send('GET', '/v1/enrollments', { as: 'bo' })).body).not.toEqual({ items: [] });

    expect((await send('POST', '/v1/onboarding/cancel', { as: 'bo' })).status).toBe(200);
    const ended = await until('bo', '/v1/onboarding', (body) => body['outcome'] !== undefined, 'the cancelled saga');
    expect(ended).toMatchObject({ outcome: 'cancelled' });
    expect(ended['compensated']).toEqual(expect.arrayContaining(['enroll', 'profile']));

    // Unenrolled by the compensation (progress keeps the history, closed).
    const enrollment = await until('bo', '/v1/enrollments/roadmap%3Abackend', (body) => body['unenrolledAt'] !== null, 'the unenrollment in the read model');
    expect(enrollment['progress'].overall).toMatchObject({ known: 0 });
    // Too late to cancel twice or confirm now.
    expect((await send('POST', '/v1/onboarding/confirmation', { as: 'bo', body: { confirmed: [], rejected: [] } })).status).toBe(409);
  }, 120_000);

  it('when the saga-worker is killed (SIGKILL) while the saga waits, then a new worker process rebuilds the run from its history and finishes it, one effect per step (case 43)', async () => {
    const worker = platform.sagaWorker!;
    const resumeUploadId = await analysedResume('cy');
    expect((await send('POST', '/v1/onboarding', { as: 'cy', body: { roadmapId: 'backend', timeZone: 'Asia/Tokyo', weeklyHours: 4, resumeUploadId } })).status).toBe(202);
    const waiting = await until('cy', '/v1/onboarding', (body) => body['awaitingConfirmation'] === true, 'the confirmation step');
    const detected = (waiting['detectedSkills'] as Json[]).map((skill) => skill['skillId'] as string);
    expect((await progressRecords(ids['cy']!)).events.map((event) => event.type)).toEqual(['Enrolled']);

    // The run lives only in Temporal's history now: the worker that held it in its cache is gone.
    await worker.kill('SIGKILL');
    await worker.start();

    // The new process answers the query from the replayed history: same step, same skills.
    const resumed = await until('cy', '/v1/onboarding', (body) => body['awaitingConfirmation'] === true, 'the status from the new worker');
    expect(resumed).toMatchObject({ step: 'confirm-skills', detectedSkills: waiting['detectedSkills'] });
    const confirmed = detected.slice(0, 2);
    const answer = await send('POST', '/v1/onboarding/confirmation', { as: 'cy', body: { confirmed, rejected: detected.filter((id) => !confirmed.includes(id)) } });
    expect(answer.status).toBe(200);
    const done = await until('cy', '/v1/onboarding', (body) => body['outcome'] !== undefined, 'the end of the saga on the new worker');
    expect(done).toMatchObject({ outcome: 'completed', compensated: [] });

    // One enrollment, one SkillMarkedKnown per confirmed skill from the resume, one completion, one LearnerOnboarded.
    const records = await progressRecords(ids['cy']!);
    expect(records.streams).toEqual([expect.objectContaining({ open: true })]);
    expect(records.events.map((event) => event.type)).toEqual(['Enrolled', ...confirmed.map(() => 'SkillMarkedKnown')]);
    expect(records.events.slice(1).map((event) => event.data)).toEqual(confirmed.map((skillId) => ({ skillId, source: 'resume-analysis', evidenceRef: `resume:${resumeUploadId}` })));
    expect(records.onboardings).toHaveLength(1);
    expect(records.published).toBe(1);
  }, 180_000);
});
