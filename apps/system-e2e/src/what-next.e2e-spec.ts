import { RecommendationsUpdated } from '@pathwise/contracts';
import { tailTopic, type TopicTail } from '@pathwise/platform/testing';
import { randomUUID } from 'node:crypto';
import { startPlatform, type RunningPlatform } from './testing';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PASSWORD = 'correct horse battery staple';

/**
 * The choreography as a learner meets it, across separate processes: the gateway in front of
 * progress and recommendation, which learns about enrollments and completed skills only from
 * progress's events on Kafka, and about the Backend roadmap only from the catalog's.
 */
describe('what to learn next, through the gateway (separate processes, events between them)', () => {
  let platform: RunningPlatform;
  let gateway: string;
  let token: string;
  let learnerId: string;
  let updates: TopicTail;

  beforeAll(async () => {
    platform = await startPlatform({ principalPerMinute: 10_000 });
    [gateway] = platform.gateways;
    updates = await tailTopic({ brokers: (process.env['KAFKA_BROKERS'] as string).split(','), topic: RecommendationsUpdated.topic });
    const email = `next-${randomUUID()}@example.test`;
    learnerId = (await call('POST', '/v1/auth/sign-up', { email, password: PASSWORD })).body['id'];
    token = (await call('POST', '/v1/auth/login', { email, password: PASSWORD })).body['accessToken'];
  }, 120_000);

  afterAll(async () => {
    await updates?.close();
    await platform?.close();
  });

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  }

  /** Polls the gateway until the answer satisfies `done`; events take a moment to travel. */
  async function until(path: string, done: (answer: { status: number; body: Json }) => boolean, what: string): Promise<{ status: number; body: Json; ms: number }> {
    const started = Date.now();
    for (;;) {
      const answer = await call('GET', path);
      if (done(answer)) return { ...answer, ms: Date.now() - started };
      if (Date.now() - started > 30_000) throw new Error(`${what}: still ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('when a learner enrolls in Backend Engineer, asks what next, completes the first skill and asks for the path to Kubernetes, then each answer follows the prerequisites', async () => {
    const enrolled = await call('POST', '/v1/enrollments', { roadmapId: 'backend' }, { 'idempotency-key': `"${randomUUID()}"` });
    expect(enrolled.status).toBe(201);
    const roadmapId = enrolled.body['roadmapId'] as string;

    const first = await until('/v1/recommendations/next?roadmapId=backend&limit=5', (a) => a.status === 200 && a.body['roadmaps']?.[0]?.next?.length > 0, 'first recommendations');
    const next = first.body['roadmaps'][0].next as Json[];
    expect(first.body['roadmaps'][0]).toMatchObject({ roadmapId, slug: 'backend', title: 'Backend Engineer' });
    expect(next.map((item) => item['rank'])).toEqual(next.map((_, index) => index + 1));
    for (const item of next) {
      expect(item['explanation']).toMatch(/\.$/);
      expect(item['reasons'].length).toBeGreaterThan(0);
      expect(item['reasons']).toContainEqual(expect.objectContaining({ code: 'NO_PREREQUISITES' }));
    }

    // Done through progress; recommendation hears of it only through progress's event.
    const top = next[0]['skillId'] as string;
    const done = await call('PUT', `/v1/enrollments/${encodeURIComponent(roadmapId)}/skills/${encodeURIComponent(top)}`, { status: 'completed' });
    expect(done.status).toBe(200);
    const moved = await until('/v1/recommendations/next?roadmapId=backend&limit=5', (a) => !a.body['roadmaps'][0].next.some((item: Json) => item['skillId'] === top), 'the list moving on');
    expect(moved.ms).toBeLessThan(5_000);

    // …and published it for other consumers, caused by progress's event.
    const published = await updates.waitFor((event) => (event.data as Json)['learnerId'] === learnerId && !(event.data as Json)['next'].some((item: Json) => item['skillId'] === top), 10_000);
    expect(published).toMatchObject({ subject: `${learnerId}/${roadmapId}`, causationId: expect.any(String) });

    const stored = await until('/v1/recommendations', (a) => a.body['items']?.[0]?.next?.[0]?.skillId !== top && a.body['items']?.length === 1, 'the stored list');
    expect(stored.body['items'][0]).toMatchObject({ roadmapId, computedAt: expect.any(String) });

    // The path to Kubernetes: every step after the prerequisites it needs, none of them done.
    const roadmap = await call('GET', '/v1/roadmaps/backend');
    const requires = new Map<string, string[]>();
    for (const stage of roadmap.body['stages'] as Json[]) for (const skill of stage['skills'] as Json[]) requires.set(skill['id'], skill['requires'] as string[]);
    const path = await call('GET', '/v1/recommendations/path?roadmapId=backend&goal=skill:kubernetes');
    expect(path.status).toBe(200);
    const steps = (path.body['steps'] as Json[]).map((step) => step['skillId'] as string);
    expect(steps.length).toBeGreaterThan(1);
    expect(steps.at(-1)).toBe('skill:kubernetes');
    expect(steps).not.toContain(top);
    for (const [index, step] of steps.entries()) {
      for (const prerequisite of requires.get(step) ?? []) {
        if (prerequisite === top) continue;
        expect({ step, prerequisite, before: steps.indexOf(prerequisite) < index && steps.includes(prerequisite) }).toEqual({ step, prerequisite, before: true });
      }
    }

    const unknown = await call('GET', '/v1/recommendations/path?roadmapId=backend&goal=skill:cobol');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'RECOMMENDATION.UNKNOWN_SKILL' } });
  }, 90_000);
});
