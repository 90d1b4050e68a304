import { randomUUID } from 'node:crypto';
import { newLearner, startPlatform, type RunningPlatform } from './testing';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RESUME = `Ada Example — Backend developer

SKILLS
PostgreSQL, Docker, Git, Linux

EXPERIENCE
Backend Engineer, Example GmbH, Mar 2020 - Present
Designed REST APIs in Node.js, ran them in Docker on Linux, stored data in PostgreSQL.
`;

/**
 * Resume analysis across separate processes: the gateway checks and forwards the upload and starts
 * the `resumeAnalysis` workflow on Temporal; the saga-worker runs its steps against the
 * recommendation service with its own service token; the learner follows the result.
 */
describe('resume analysis through the gateway, Temporal and the saga-worker (separate processes)', () => {
  let platform: RunningPlatform;
  let gateway: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startPlatform({ principalPerMinute: 10_000, sagaWorker: true });
    [gateway] = platform.gateways;
    for (const who of ['ada', 'bo']) tokens[who] = (await newLearner(gateway, who)).accessToken;
  }, 180_000);

  afterAll(async () => {
    await platform?.close();
  });

  async function send(method: string, path: string, options: { as?: string; body?: string | Buffer; type?: string; key?: string } = {}): Promise<{ status: number; body: Json; headers: Headers }> {
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: {
        ...(options.as ? { authorization: `Bearer ${tokens[options.as]}` } : {}),
        ...(options.type ? { 'content-type': options.type } : {}),
        ...(options.key ? { 'idempotency-key': options.key } : {}),
      },
      ...(options.body === undefined ? {} : { body: options.body }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, headers: response.headers };
  }

  async function settled(location: string, as = 'ada'): Promise<Json> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await send('GET', location, { as });
      if (body['status'] === 'analyzed' || body['status'] === 'failed') return body;
      if (Date.now() > deadline) throw new Error(`analysis still ${body['status']} after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('when a learner uploads a resume, then the analysis runs as a workflow and the skills come back with their evidence; the same key replays, another learner sees nothing', async () => {
    const key = `"${randomUUID()}"`;
    const uploaded = await send('POST', '/v1/resumes', { as: 'ada', body: RESUME, type: 'text/plain', key });
    expect(uploaded.status).toBe(202);
    const location = uploaded.headers.get('location') as string;
    expect(location).toBe(`/v1/resumes/${uploaded.body['id']}`);

    const replay = await send('POST', '/v1/resumes', { as: 'ada', body: RESUME, type: 'text/plain', key });
    expect(replay.status).toBe(202);
    expect(replay.body['id']).toBe(uploaded.body['id']);

    const resume = await settled(location);
    expect(resume['status']).toBe('analyzed');
    const sql = (resume['analysis'].skills as Json[]).find((skill) => skill['skillId'] === 'skill:sql');
    expect(sql).toMatchObject({ status: 'claimed', evidence: expect.arrayContaining([expect.objectContaining({ text: 'PostgreSQL' })]) });

    const mapped = await send('GET', `${location}/roadmaps/backend`, { as: 'ada' });
    expect(mapped.status).toBe(200);
    const shown = (mapped.body['stages'] as Json[]).flatMap((stage) => (stage['shown'] as Json[]).map((skill) => skill['skillId']));
    expect(shown).toContain('skill:sql');
    expect((mapped.body['gapsInOrder'] as Json[]).map((skill) => skill['skillId'])).not.toContain('skill:sql');

    expect((await send('GET', location, { as: 'bo' })).status).toBe(404);
    // The raw file went with the end of the analysis (the learner did not opt in to keep it).
    const { body } = await send('GET', location, { as: 'ada' });
    expect(body['analysis'].text).toBeNull();
  }, 90_000);

  it('when the file cannot be read, then the workflow ends with a failed analysis and its reason, not retries', async () => {
    const broken = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF');
    const uploaded = await send('POST', '/v1/resumes', { as: 'ada', body: broken, type: 'application/pdf', key: `"${randomUUID()}"` });
    expect(uploaded.status).toBe(202);

    const resume = await settled(uploaded.headers.get('location') as string);
    expect(resume).toMatchObject({ status: 'failed', failure: { reason: 'malformed' }, analysis: null });
  }, 90_000);

  it('when the upload is refused at the edge, then nothing reaches the services', async () => {
    const wrong = await send('POST', '/v1/resumes', { as: 'ada', body: 'not a pdf', type: 'application/pdf', key: `"${randomUUID()}"` });
    const image = await send('POST', '/v1/resumes', { as: 'ada', body: 'GIF89a', type: 'image/gif', key: `"${randomUUID()}"` });
    expect([wrong.status, image.status]).toEqual([422, 415]);
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
  });
});
