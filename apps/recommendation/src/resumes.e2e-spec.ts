import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ResumeAnalyzed, RoadmapPublished, type EventData } from '@pathwise/contracts';
import { createTestIssuer } from '@pathwise/platform/auth/testing';
import { parseConfig } from '@pathwise/platform/config';
import { runMigrations } from '@pathwise/platform/persistence';
import { publishEvent, serveOnEphemeralPort, waitFor } from '@pathwise/platform/testing';
import { RECOMMENDATION_MIGRATIONS } from '@pathwise/recommendation/feature';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RECOMMENDATION_AUDIENCE } from './app.module';
import { recommendationConfigSchema } from './config';
import { createRecommendationApp } from './recommendation-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RESUME = `Ada Example
Backend developer

SKILLS
PostgreSQL, Docker, Git

EXPERIENCE
Backend Engineer, Example GmbH, Jan 2021 - Present
Built REST services on PostgreSQL and shipped them in Docker containers.

INTERESTS
I want to learn Kubernetes. No experience with Kafka.
`;

function roadmap(roadmapId: string): EventData<typeof RoadmapPublished> {
  const skill = (id: string, position: number) => ({ skillId: `skill:${id}`, position, priority: 'essential' as const });
  const aliases: Record<string, string[]> = { git: ['Git'], sql: ['SQL', 'PostgreSQL'], docker: ['Docker'], k8s: ['Kubernetes'], queues: ['Kafka', 'RabbitMQ'], api: ['REST'] };
  return {
    roadmapId,
    slug: roadmapId.replace('roadmap:', ''),
    title: 'Resume Backend',
    kind: 'role',
    version: 1,
    publishedAt: new Date().toISOString(),
    tags: [],
    stages: [
      { stageId: 'basics', title: 'Basics', position: 1, skills: [skill('git', 1), skill('sql', 2)] },
      { stageId: 'build', title: 'Build', position: 2, skills: [skill('api', 1), skill('queues', 2)] },
      { stageId: 'ship', title: 'Ship', position: 3, skills: [skill('docker', 1), skill('k8s', 2)] },
    ],
    skills: Object.entries(aliases).map(([id, texts]) => ({ skillId: `skill:${id}`, name: id.toUpperCase(), aliases: texts.map((text) => ({ text })) })),
    prerequisites: [
      { skillId: 'skill:api', requiresSkillId: 'skill:sql' },
      { skillId: 'skill:queues', requiresSkillId: 'skill:api' },
      { skillId: 'skill:k8s', requiresSkillId: 'skill:docker' },
    ],
  };
}

describe('resumes at the recommendation service (real PostgreSQL and Kafka; the workflow steps called as the saga-worker would)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let dataSource: DataSource;
  const roadmapId = `roadmap:resume-${randomUUID().slice(0, 8)}`;
  const tokens: Record<string, string> = {};

  async function call(method: string, path: string, options: { as?: string; body?: Buffer | string; type?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: Json; headers: Headers }> {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(options.as ? { authorization: `Bearer ${tokens[options.as]}` } : {}), ...(options.type ? { 'content-type': options.type } : {}), ...options.headers },
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
  }

  const upload = (body: Buffer | string, type: string, query = '', key = `"${randomUUID()}"`) => call('POST', `/resumes${query}`, { as: 'A', body, type, headers: { 'idempotency-key': key } });
  const analyse = (id: string, as = 'saga') => call('POST', `/internal/resumes/${id}/analysis`, { as, headers: { 'idempotency-key': `resume-analysis:${id}:analyze` } });

  beforeAll(async () => {
    const config = parseConfig(recommendationConfigSchema, { ...process.env, LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'error' });
    await runMigrations({ url: config.RECOMMENDATION_DATABASE_URL, service: 'recommendation', migrations: RECOMMENDATION_MIGRATIONS });
    const learners = await createTestIssuer(config.AUTH_ISSUER);
    const services = await createTestIssuer(config.AUTH_SERVICE_ISSUER);
    tokens['A'] = await learners.token({ subject: randomUUID(), audience: RECOMMENDATION_AUDIENCE });
    tokens['B'] = await learners.token({ subject: randomUUID(), audience: RECOMMENDATION_AUDIENCE });
    tokens['saga'] = await services.token({ subject: 'saga-worker', roles: ['service'], audience: RECOMMENDATION_AUDIENCE });
    app = await createRecommendationApp(config, { jwks: learners.jwks, serviceJwks: services.jwks });
    ({ baseUrl } = await serveOnEphemeralPort(app));
    dataSource = app.get(DataSource);

    await publishEvent(RoadmapPublished, roadmap(roadmapId), { subject: roadmapId, aggregateVersion: 1 });
    await waitFor(async () => (await dataSource.query('SELECT 1 FROM roadmaps WHERE roadmap_id = $1', [roadmapId])).length, (n) => n === 1, 60_000, 'the roadmap in the read model');
  }, 90_000);

  afterAll(async () => {
    await app?.close();
  });

  it('when a learner uploads a resume twice with one Idempotency-Key, then one upload is stored and both answers name it', async () => {
    const key = `"${randomUUID()}"`;
    const first = await upload(RESUME, 'text/plain', '', key);
    const second = await upload(RESUME, 'text/plain', '', key);

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'received', contentType: 'text/plain', size: Buffer.byteLength(RESUME), keepContent: false, analysis: null });
    expect(second.body['id']).toBe(first.body['id']);
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM resume_uploads WHERE upload_id = $1', [first.body['id']]);
    expect(n).toBe(1);
  });

  it('when an upload is of the wrong type, too large, or not what it claims, then it is refused as problem+json before anything is stored', async () => {
    const before = (await dataSource.query('SELECT count(*)::int AS n FROM resume_uploads'))[0].n;
    const wrongType = await upload('hello', 'image/png');
    const notPdf = await upload('this is not a pdf', 'application/pdf');
    const nul = await upload('a\u0000b', 'text/plain');
    const huge = await upload(Buffer.alloc(3 * 1024 * 1024, 0x41), 'text/plain');

    expect([wrongType.status, notPdf.status, nul.status, huge.status]).toEqual([415, 422, 422, 413]);
    for (const answer of [wrongType, notPdf, nul, huge]) expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect((await dataSource.query('SELECT count(*)::int AS n FROM resume_uploads'))[0].n).toBe(before);
  });

  it('when the workflow step analyses an upload, then the skills come with evidence, ResumeAnalyzed is in the outbox once, and the raw file goes after', async () => {
    const { body: uploaded } = await upload(RESUME, 'text/plain');
    const id = uploaded['id'] as string;

    const first = await analyse(id);
    const again = await analyse(id);
    expect(first).toMatchObject({ status: 200, body: { uploadId: id, status: 'analyzed' } });
    expect(again.body).toEqual(first.body);

    const { body: resume } = await call('GET', `/resumes/${id}`, { as: 'A' });
    expect(resume['status']).toBe('analyzed');
    const skills = new Map((resume['analysis'].skills as Json[]).map((skill) => [skill['skillId'], skill]));
    expect(skills.get('skill:sql')).toMatchObject({ status: 'claimed', evidence: expect.arrayContaining([expect.objectContaining({ text: 'PostgreSQL', section: 'skills' })]) });
    expect(skills.get('skill:docker')).toMatchObject({ status: 'claimed' });
    expect(skills.get('skill:k8s')?.['status']).not.toBe('claimed');
    expect(skills.get('skill:queues')?.['status']).not.toBe('claimed');
    expect(resume['analysis'].text).toBeNull(); // not kept: the learner did not opt in
    const [{ rows }] = await dataSource.query('SELECT count(*)::int AS rows FROM outbox WHERE event_type = $1 AND value::jsonb->>$2 = $3', [ResumeAnalyzed.type, 'uploadId', id]);
    expect(rows).toBe(1);

    expect((await call('DELETE', `/internal/resumes/${id}/content`, { as: 'saga' })).status).toBe(204);
    const [{ content }] = await dataSource.query('SELECT content FROM resume_uploads WHERE upload_id = $1', [id]);
    expect(content).toBeNull();
  });

  it('when the resume is mapped onto the roadmap, then each stage shows what it proves and the gaps come prerequisites first', async () => {
    const { body: uploaded } = await upload(RESUME, 'text/plain');
    await analyse(uploaded['id']);
    const { status, body } = await call('GET', `/resumes/${uploaded['id']}/roadmaps/${encodeURIComponent(roadmapId)}`, { as: 'A' });

    expect(status).toBe(200);
    const shown = (body['stages'] as Json[]).flatMap((stage) => (stage['shown'] as Json[]).map((skill) => skill['skillId']));
    expect(shown).toEqual(expect.arrayContaining(['skill:git', 'skill:sql', 'skill:docker']));
    const gaps = (body['gapsInOrder'] as Json[]).map((skill) => skill['skillId']);
    expect(gaps).not.toContain('skill:sql');
    expect(gaps.indexOf('skill:api')).toBeLessThan(gaps.indexOf('skill:queues'));
  });

  it('when a file cannot be read, then the step answers 422 RESUME_UNREADABLE and the learner sees a failed analysis with its reason', async () => {
    const broken = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF');
    const { body: uploaded } = await upload(broken, 'application/pdf');
    const answer = await analyse(uploaded['id']);

    expect(answer).toMatchObject({ status: 422, body: { code: 'RECOMMENDATION.RESUME_UNREADABLE' } });
    const { body } = await call('GET', `/resumes/${uploaded['id']}`, { as: 'A' });
    expect(body).toMatchObject({ status: 'failed', failure: { reason: 'malformed' }, analysis: null });
  });

  it('when the learner opts in to keep the file, then the text stays for highlighting and the discard step keeps the file', async () => {
    // CRLF line endings and doubled spaces: offsets must point into the normalised text that is kept.
    const { body: uploaded } = await upload(RESUME.replace(/\n/g, '\r\n').replace('PostgreSQL, Docker', 'PostgreSQL,  Docker'), 'text/markdown', '?keep=true');
    await analyse(uploaded['id']);
    expect((await call('DELETE', `/internal/resumes/${uploaded['id']}/content`, { as: 'saga' })).status).toBe(204);

    const { body } = await call('GET', `/resumes/${uploaded['id']}`, { as: 'A' });
    expect(body['keepContent']).toBe(true);
    const sql = (body['analysis'].skills as Json[]).find((skill) => skill['skillId'] === 'skill:sql');
    const [evidence] = sql?.['evidence'] as Json[];
    expect((body['analysis'].text as string).slice(evidence?.['start'], evidence?.['end'])).toBe(evidence?.['text']);
    const [{ content }] = await dataSource.query('SELECT content FROM resume_uploads WHERE upload_id = $1', [uploaded['id']]);
    expect(content).not.toBeNull();
  });

  it("when another learner, a learner's token or no token reaches for a resume, then it is 404, 403 or 401", async () => {
    const { body: uploaded } = await upload(RESUME, 'text/plain');
    expect((await call('GET', `/resumes/${uploaded['id']}`, { as: 'B' })).status).toBe(404);
    expect((await call('GET', `/resumes/${uploaded['id']}/roadmaps/${encodeURIComponent(roadmapId)}`, { as: 'B' })).status).toBe(404);
    expect((await analyse(uploaded['id'], 'A')).status).toBe(403);
    expect((await call('POST', `/internal/resumes/${uploaded['id']}/analysis`)).status).toBe(401);
    expect((await call('DELETE', `/internal/resumes/${uploaded['id']}/content`, { as: 'B' })).status).toBe(403);
    expect((await call('DELETE', `/resumes/${uploaded['id']}`, { as: 'B' })).status).toBe(404);
  });

  it('when the onboarding saga reads an analysis and then compensates it, then it sees the owner and skills, and afterwards nothing is left', async () => {
    const { body: uploaded } = await upload(RESUME, 'text/plain');
    await analyse(uploaded['id']);
    const read = await call('GET', `/internal/resumes/${uploaded['id']}`, { as: 'saga' });
    expect(read).toMatchObject({ status: 200, body: { id: uploaded['id'], status: 'analyzed', skills: expect.arrayContaining([expect.objectContaining({ skillId: 'skill:sql', status: 'claimed' })]) } });
    expect((await call('GET', `/internal/resumes/${uploaded['id']}?learnerId=${randomUUID()}`, { as: 'saga' })).status).toBe(404);
    expect((await call('GET', `/internal/resumes/${uploaded['id']}`, { as: 'A' })).status).toBe(403);

    expect((await call('DELETE', `/internal/resumes/${uploaded['id']}/analysis`, { as: 'saga' })).status).toBe(204);
    expect((await call('DELETE', `/internal/resumes/${uploaded['id']}/analysis`, { as: 'saga' })).status).toBe(204);
    expect((await call('GET', `/resumes/${uploaded['id']}`, { as: 'A' })).status).toBe(404);
    expect((await call('GET', `/internal/resumes/${uploaded['id']}`, { as: 'saga' })).status).toBe(404);
  });

  it('when the learner deletes a resume, then the file, its text and its analysis are gone and it answers 404 after', async () => {
    const { body: uploaded } = await upload(RESUME, 'text/plain', '?keep=true');
    await analyse(uploaded['id']);
    expect((await call('DELETE', `/resumes/${uploaded['id']}`, { as: 'A' })).status).toBe(204);

    expect((await call('GET', `/resumes/${uploaded['id']}`, { as: 'A' })).status).toBe(404);
    const [{ uploads, analyses }] = await dataSource.query(
      'SELECT (SELECT count(*)::int FROM resume_uploads WHERE upload_id = $1) AS uploads, (SELECT count(*)::int FROM resume_analyses WHERE upload_id = $1) AS analyses',
      [uploaded['id']],
    );
    expect({ uploads, analyses }).toEqual({ uploads: 0, analyses: 0 });
    expect((await call('DELETE', `/resumes/${uploaded['id']}`, { as: 'A' })).status).toBe(404);
  });
});
