import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  LearnerEnrolled,
  LearnerUnenrolled,
  RecommendationsUpdated,
  RoadmapPublished,
  SkillStatusChanged,
  SkillUpdated,
  toKafkaRecord,
  validateData,
  type EventContract,
  type EventData,
} from '@pathwise/contracts';
import { createTestIssuer } from '@pathwise/platform/auth/testing';
import { parseConfig } from '@pathwise/platform/config';
import { createKafka } from '@pathwise/platform/messaging';
import { runMigrations } from '@pathwise/platform/persistence';
import { serveOnEphemeralPort, tailTopic, waitFor, type TopicTail } from '@pathwise/platform/testing';
import { RebuildReadModelsHandler, RECOMMENDATION_MIGRATIONS, CATALOG_PROJECTOR_GROUP, PROGRESS_PROJECTOR_GROUP } from '@pathwise/recommendation/feature';
import type { Kafka, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RECOMMENDATION_AUDIENCE } from './app.module';
import { recommendationConfigSchema } from './config';
import { createRecommendationApp } from './recommendation-app';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const SOURCE = { source: 'Test survey', asOf: '2026-01-15' };

/** A small roadmap: git → (http, sql) → api; docker stands alone; k8s needs docker and an untaught skill in v2. */
function roadmap(roadmapId: string, version: number, extraPrerequisites: { skillId: string; requiresSkillId: string }[] = []): EventData<typeof RoadmapPublished> {
  const skill = (id: string, position: number, priority: 'essential' | 'recommended' | 'optional') => ({ skillId: `skill:${id}`, position, priority });
  return {
    roadmapId,
    slug: roadmapId.replace('roadmap:', ''),
    title: 'Test Backend',
    kind: 'role',
    version,
    publishedAt: new Date().toISOString(),
    tags: [],
    stages: [
      { stageId: 'basics', title: 'Basics', position: 1, skills: [skill('git', 1, 'essential'), skill('docker', 2, 'optional')] },
      { stageId: 'web', title: 'Web', position: 2, skills: [skill('http', 1, 'essential'), skill('sql', 2, 'recommended'), skill('api', 3, 'essential')] },
      { stageId: 'ops', title: 'Ops', position: 3, skills: [skill('k8s', 1, 'recommended')] },
    ],
    skills: ['git', 'docker', 'http', 'sql', 'api', 'k8s'].map((id) => ({
      skillId: `skill:${id}`,
      name: id.toUpperCase(),
      ...(id === 'sql' ? { signals: { marketDemand: 'high' as const }, signalDetails: { marketDemand: { level: 'high' as const, ...SOURCE } } } : {}),
    })),
    prerequisites: [
      { skillId: 'skill:http', requiresSkillId: 'skill:git' },
      { skillId: 'skill:sql', requiresSkillId: 'skill:git' },
      { skillId: 'skill:api', requiresSkillId: 'skill:http' },
      { skillId: 'skill:api', requiresSkillId: 'skill:sql' },
      { skillId: 'skill:k8s', requiresSkillId: 'skill:docker' },
      ...extraPrerequisites,
    ],
  };
}

describe('recommendation service (real PostgreSQL and Kafka; events in, ranked skills and RecommendationsUpdated out)', () => {
  let app: NestFastifyApplication;
  let baseUrl: string;
  let dataSource: DataSource;
  let kafka: Kafka;
  let producer: Producer;
  let updates: TopicTail;
  const roadmapId = `roadmap:rec-${randomUUID().slice(0, 8)}`;
  const learnerA = randomUUID();
  const learnerB = randomUUID();
  const enrollmentA = randomUUID();
  const versions = new Map<string, number>();
  const tokens: Record<string, string> = {};

  async function publish<C extends EventContract>(contract: C, subject: string, data: EventData<C>): Promise<void> {
    const aggregateVersion = (versions.get(subject) ?? 0) + 1;
    versions.set(subject, aggregateVersion);
    const envelope = { id: randomUUID(), type: contract.type, source: contract.source, subject, time: new Date().toISOString(), data: validateData(contract, data), aggregateVersion, correlationId: randomUUID() };
    await producer.send({ topic: contract.topic, acks: -1, messages: [toKafkaRecord(envelope)] });
  }

  const enrollmentRef = { enrollmentId: enrollmentA, learnerId: learnerA, roadmapId };
  const setStatus = (skill: string, status: EventData<typeof SkillStatusChanged>['status'], previousStatus: EventData<typeof SkillStatusChanged>['status'] = 'pending') =>
    publish(SkillStatusChanged, enrollmentA, { ...enrollmentRef, skillId: `skill:${skill}`, status, previousStatus, changedAt: new Date().toISOString() });

  async function call(path: string, as = 'A'): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${tokens[as]}` } });
    return { status: response.status, body: (await response.json()) as Json };
  }

  const nextIds = async (as = 'A') => ((await call(`/recommendations/next?roadmapId=${encodeURIComponent(roadmapId)}&limit=10`, as)).body['roadmaps']?.[0]?.next ?? []).map((item: Json) => item['skillId']);
  const storedIds = async () => {
    const [row] = await dataSource.query('SELECT next FROM learner_recommendations WHERE learner_id = $1 AND roadmap_id = $2', [learnerA, roadmapId]);
    return (row?.next ?? []).map((item: Json) => item['skillId']);
  };

  beforeAll(async () => {
    const config = parseConfig(recommendationConfigSchema, { ...process.env, LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn' });
    await runMigrations({ url: config.RECOMMENDATION_DATABASE_URL, service: 'recommendation', migrations: RECOMMENDATION_MIGRATIONS });
    const issuer = await createTestIssuer(config.AUTH_ISSUER);
    tokens['A'] = await issuer.token({ subject: learnerA, audience: RECOMMENDATION_AUDIENCE });
    tokens['B'] = await issuer.token({ subject: learnerB, audience: RECOMMENDATION_AUDIENCE });
    const services = await createTestIssuer(config.AUTH_SERVICE_ISSUER);
    tokens['saga'] = await services.token({ subject: 'saga-worker', roles: ['service'], audience: RECOMMENDATION_AUDIENCE });
    kafka = createKafka({ clientId: `recommendation-e2e-${randomUUID()}`, brokers: config.KAFKA_BROKERS });
    producer = kafka.producer();
    await producer.connect();
    updates = await tailTopic({ brokers: config.KAFKA_BROKERS, topic: RecommendationsUpdated.topic });
    app = await createRecommendationApp(config, { jwks: issuer.jwks, serviceJwks: services.jwks });
    ({ baseUrl } = await serveOnEphemeralPort(app));
    dataSource = app.get(DataSource);

    await publish(RoadmapPublished, roadmapId, roadmap(roadmapId, 1));
    await publish(LearnerEnrolled, enrollmentA, { ...enrollmentRef, roadmapVersion: 1, enrolledAt: new Date().toISOString() });
    await waitFor(storedIds, (ids) => ids.length > 0, 90_000, 'the first recommendations of learner A');
  }, 120_000);

  afterAll(async () => {
    await updates?.close();
    await producer?.disconnect();
    await app?.close();
  });

  it('when a learner enrolls, then the ready skills are ranked with reasons, and a RecommendationsUpdated is on the topic', async () => {
    const { status, body } = await call(`/recommendations/next?roadmapId=${encodeURIComponent(roadmapId)}&includeWaiting=true`);
    expect(status).toBe(200);
    const [answer] = body['roadmaps'];
    expect(answer).toMatchObject({ roadmapId, version: 1, title: 'Test Backend' });
    expect(answer.next.map((item: Json) => item['skillId'])).toEqual(['skill:git', 'skill:docker']);
    expect(answer.next[0]).toMatchObject({ rank: 1, priority: 'essential', unlocks: { direct: 2, total: 3 } });
    expect(answer.next[0].reasons).toContainEqual({ code: 'NO_PREREQUISITES', values: {} });
    expect(answer.next[0].explanation).toBe('No prerequisites; essential in Test Backend; stage 1: Basics; unlocks 2 skills directly, 3 in all.');
    expect(answer.waiting).toContainEqual({ skillId: 'skill:api', name: 'API', waitingFor: ['skill:http', 'skill:sql'] });

    const event = await updates.waitFor((e) => (e.data as Json)['learnerId'] === learnerA, 30_000);
    expect(event.subject).toBe(`${learnerA}/${roadmapId}`);
    expect((event.data as Json)['next'].map((item: Json) => item['skillId'])).toEqual(['skill:git', 'skill:docker']);
  });

  it('when a skill is completed through progress events, then the stored list moves on and a new RecommendationsUpdated follows', async () => {
    const before = updates.events.length;
    await setStatus('git', 'completed');
    await waitFor(storedIds, (ids) => ids[0] !== 'skill:git', 30_000, 'recommendations after git was completed');

    expect(await storedIds()).toEqual(['skill:http', 'skill:sql', 'skill:docker']);
    const event = await updates.waitFor((e) => (e.data as Json)['learnerId'] === learnerA && updates.events.indexOf(e) >= before, 30_000);
    expect(event.aggregateVersion).toBeGreaterThan(1);
    const { body } = await call(`/recommendations/next?roadmapId=${encodeURIComponent(roadmapId)}`);
    const sql = body['roadmaps'][0].next.find((item: Json) => item['skillId'] === 'skill:sql');
    expect(sql.explanation).toContain('market demand high (Test survey, 2026-01-15)');
  });

  it('when a skill is in progress, then it ranks first; when skipped, it is never recommended', async () => {
    await setStatus('sql', 'in-progress');
    await waitFor(storedIds, (ids) => ids[0] === 'skill:sql', 30_000, 'sql first once in progress');
    await setStatus('docker', 'skipped');
    await waitFor(storedIds, (ids) => !ids.includes('skill:docker'), 30_000, 'docker gone once skipped');
    expect(await nextIds()).toEqual(['skill:sql', 'skill:http']);
  });

  it('when the path to a goal is asked, then the missing prerequisites come in a valid order; an unknown goal is 404 and an untaught prerequisite 422', async () => {
    const path = await call(`/recommendations/path?roadmapId=${encodeURIComponent(roadmapId)}&goal=skill:api`);
    expect(path.status).toBe(200);
    expect(path.body).toMatchObject({ roadmapId, goalSkillId: 'skill:api', alreadyAchieved: false });
    expect(path.body['steps'].map((step: Json) => step['skillId'])).toEqual(['skill:sql', 'skill:http', 'skill:api']);

    const unknown = await call(`/recommendations/path?roadmapId=${encodeURIComponent(roadmapId)}&goal=skill:cobol`);
    expect(unknown).toMatchObject({ status: 404, body: { code: 'RECOMMENDATION.UNKNOWN_SKILL' } });
    const noRoadmap = await call(`/recommendations/path?roadmapId=roadmap:nope-${randomUUID().slice(0, 8)}&goal=skill:api`);
    expect(noRoadmap).toMatchObject({ status: 404, body: { code: 'RECOMMENDATION.ROADMAP_NOT_FOUND' } });
  });

  it('when a new roadmap version adds a prerequisite, then what is ready changes without any progress event, and an untaught goal prerequisite is 422', async () => {
    await publish(RoadmapPublished, roadmapId, roadmap(roadmapId, 2, [{ skillId: 'skill:http', requiresSkillId: 'skill:sql' }, { skillId: 'skill:k8s', requiresSkillId: 'skill:linux' }]));
    await waitFor(storedIds, (ids) => !ids.includes('skill:http'), 30_000, 'http no longer ready in v2');
    expect(await nextIds()).toEqual(['skill:sql']);

    const blocked = await call(`/recommendations/path?roadmapId=${encodeURIComponent(roadmapId)}&goal=skill:k8s`);
    expect(blocked).toMatchObject({ status: 422, body: { code: 'RECOMMENDATION.GOAL_UNREACHABLE' } });
  });

  it("when the onboarding saga asks for a learner's next skills with its service token, then it gets them; a learner's token cannot", async () => {
    const internal = await call(`/internal/learners/${learnerA}/recommendations/next?roadmapId=${encodeURIComponent(roadmapId)}`, 'saga');
    expect(internal.status).toBe(200);
    expect(internal.body['roadmaps'][0].next.map((item: Json) => item['skillId'])).toEqual(await nextIds());
    expect((await call(`/internal/learners/${learnerB}/recommendations/next?roadmapId=${encodeURIComponent(roadmapId)}`, 'saga')).body).toMatchObject({ code: 'RECOMMENDATION.NOT_ENROLLED' });
    expect((await call(`/internal/learners/${learnerA}/recommendations/next`, 'B')).status).toBe(403);
  });

  it("when learner B asks, then A's roadmap is 404 for B and B's lists hold nothing of A's", async () => {
    expect((await call(`/recommendations/next?roadmapId=${encodeURIComponent(roadmapId)}`, 'B')).status).toBe(404);
    expect((await call('/recommendations/next', 'B')).body).toEqual({ roadmaps: [] });
    expect((await call('/recommendations', 'B')).body).toEqual({ items: [] });
    const mine = await call('/recommendations');
    expect(mine.body['items']).toEqual([expect.objectContaining({ roadmapId, roadmapVersion: 2, next: [{ skillId: 'skill:sql', rank: 1 }] })]);
  });

  it('when the read model is rebuilt from the topics, then it equals the live one', async () => {
    // Leave A's enrollment, so the rebuild also replays a LearnerUnenrolled.
    await publish(LearnerUnenrolled, enrollmentA, { ...enrollmentRef, unenrolledAt: new Date().toISOString() });
    await waitFor(async () => (await call('/recommendations')).body['items'], (items) => items.length === 0, 30_000, 'the list gone after unenrolling');
    await waitFor(() => consumerLag(kafka), (lag) => lag === 0, 60_000, 'both consumer groups caught up');
    // Learners queued by a publication are recomputed by the worker after the inbox commit: let it drain too.
    await waitFor(async () => (await dataSource.query('SELECT count(*)::int AS n FROM pending_recomputes'))[0].n, (n) => n === 0, 60_000, 'the recompute queue drained');
    const snapshot = () =>
      Promise.all([
        dataSource.query('SELECT roadmap_id, version, graph, published_at FROM roadmap_versions ORDER BY roadmap_id, version'),
        dataSource.query('SELECT roadmap_id, slug, current_version, retired_at FROM roadmaps ORDER BY roadmap_id'),
        dataSource.query('SELECT skill_id, name, signals, updated_at FROM skills ORDER BY skill_id'),
        dataSource.query('SELECT enrollment_id, learner_id, roadmap_id, state FROM enrollments ORDER BY enrollment_id'),
        dataSource.query('SELECT enrollment_id, skill_id, learner_id, status FROM skill_states ORDER BY enrollment_id, skill_id'),
        dataSource.query('SELECT learner_id, roadmap_id, roadmap_version, next FROM learner_recommendations ORDER BY learner_id, roadmap_id'),
      ]);
    const live = await snapshot();
    expect(live[4]).toContainEqual({ enrollment_id: enrollmentA, skill_id: 'skill:docker', learner_id: learnerA, status: 'skipped' });

    const result = await app.get(RebuildReadModelsHandler).execute();
    expect(result.events).toBeGreaterThanOrEqual(8);
    expect(await snapshot()).toEqual(live);
  }, 120_000);
});

/** Messages on the consumed topics not yet committed by the service's two consumer groups. */
async function consumerLag(kafka: Kafka): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let lag = 0;
    for (const [topic, groupId] of [
      [RoadmapPublished.topic, CATALOG_PROJECTOR_GROUP],
      [SkillUpdated.topic, CATALOG_PROJECTOR_GROUP],
      [SkillStatusChanged.topic, PROGRESS_PROJECTOR_GROUP],
    ] as const) {
      const ends = await admin.fetchTopicOffsets(topic);
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      for (const { partition, high, low } of ends) {
        const offset = Number(committed?.partitions.find((p) => p.partition === partition)?.offset ?? -1);
        lag += Number(high) - Math.max(offset, Number(low));
      }
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}
