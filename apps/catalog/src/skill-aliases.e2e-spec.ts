import { RoadmapPublished, SkillUpdated } from '@pathwise/contracts';
import { tailTopic, type TopicTail } from '@pathwise/platform/testing';
import { startCatalog, uniqueSlug, type CatalogUnderTest } from './testing';

interface Answer {
  status: number;
  etag: string | null;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

const KAFKA_ALIASES = [{ text: 'Kafka' }, { text: 'RabbitMQ' }, { text: 'NATS', ambiguous: true, caseSensitive: true }];

describe('skill aliases over HTTP', () => {
  let catalog: CatalogUnderTest;
  let editor: Record<string, string>;
  let roadmapEvents: TopicTail;
  let skillEvents: TopicTail;

  beforeAll(async () => {
    catalog = await startCatalog();
    editor = await catalog.as('editor');
    [roadmapEvents, skillEvents] = await Promise.all([
      tailTopic({ brokers: catalog.config.KAFKA_BROKERS, topic: RoadmapPublished.topic }),
      tailTopic({ brokers: catalog.config.KAFKA_BROKERS, topic: SkillUpdated.topic }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([roadmapEvents.close(), skillEvents.close()]);
    await catalog.close();
  });

  async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const response = await fetch(`${catalog.running.baseUrl}${path}`, {
      method,
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get('etag'), body: text ? JSON.parse(text) : undefined };
  }

  async function createSkill(aliases?: unknown): Promise<{ skillId: string; etag: string }> {
    const slug = uniqueSlug('aliases');
    const created = await call('POST', '/skills', { headers: editor, body: { slug, name: 'Message queues', ...(aliases === undefined ? {} : { aliases }) } });
    expect(created.status).toBe(201);
    return { skillId: `skill:${slug}`, etag: created.etag as string };
  }

  const patch = (skillId: string, body: unknown, ifMatch?: string) => call('PATCH', `/skills/${skillId}`, { headers: { ...editor, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, body });
  const pointers = (answer: Answer) => answer.body.errors.map((error: { pointer: string }) => error.pointer).sort();
  const skillUpdatesInOutbox = async (skillId: string) =>
    ((await catalog.dataSource.query(`SELECT aggregate_version, value FROM outbox WHERE event_type = $1 AND message_key = $2 ORDER BY position`, [SkillUpdated.type, skillId])) as { aggregate_version: number; value: string }[]).map(
      (row) => ({ version: row.aggregate_version, data: SkillUpdated.schema.parse(JSON.parse(row.value)) }),
    );

  it('when a skill is created with aliases, then they are stored tidied and shown by the skill view', async () => {
    const { skillId } = await createSkill([{ text: ' Kafka ' }, { text: 'RabbitMQ', ambiguous: false }, { text: 'NATS', ambiguous: true, caseSensitive: true }]);

    const read = await call('GET', `/skills/${skillId}`);

    expect(read).toMatchObject({ status: 200, etag: '"r1"', body: { id: skillId, aliases: KAFKA_ALIASES, revision: 1 } });
    expect(await skillUpdatesInOutbox(skillId)).toEqual([]);
  });

  it('when a skill is created without aliases, then it has an empty list', async () => {
    const { skillId } = await createSkill();

    expect((await call('GET', `/skills/${skillId}`)).body.aliases).toEqual([]);
  });

  it('when aliases break the request shape, then 422 points at each bad field and nothing is created', async () => {
    const slug = uniqueSlug('bad-aliases');
    const answer = await call('POST', '/skills', {
      headers: editor,
      body: { slug, name: 'Bad', aliases: [{ text: '' }, { text: 'x'.repeat(81) }, { text: 'Kaf\tka' }, { text: 'Kafka', weight: 2 }, { text: 'SQS', ambiguous: 'yes' }, 'RabbitMQ'] },
    });

    expect(answer.status).toBe(422);
    expect(pointers(answer)).toEqual(['/aliases/0/text', '/aliases/1/text', '/aliases/2/text', '/aliases/3/weight', '/aliases/4/ambiguous', '/aliases/5'].sort());
    expect((await call('GET', `/skills/skill:${slug}`)).status).toBe(404);
  });

  it('when more than 50 aliases are sent, then 422 points at the list', async () => {
    const answer = await call('POST', '/skills', { headers: editor, body: { slug: uniqueSlug('many'), name: 'Many', aliases: Array.from({ length: 51 }, (_, i) => ({ text: `alias ${i}` })) } });

    expect(answer.status).toBe(422);
    expect(pointers(answer)).toEqual(['/aliases']);
  });

  it('when two aliases differ only in case or hyphens, then the aggregate refuses the second with a 422 pointing at it', async () => {
    const answer = await call('POST', '/skills', { headers: editor, body: { slug: uniqueSlug('dupes'), name: 'Dupes', aliases: [{ text: 'Pub/Sub' }, { text: 'MS SQL' }, { text: 'ms-sql' }] } });

    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'CATALOG.INVALID_FIELD', errors: [{ pointer: '/aliases/2/text' }] });
  });

  it('when aliases are edited, then If-Match is required and must be current, as for any other field', async () => {
    const { skillId, etag } = await createSkill(KAFKA_ALIASES);
    const renamed = await patch(skillId, { name: 'Queues and brokers' }, etag);
    expect(renamed.status).toBe(200);

    const missing = await patch(skillId, { aliases: [{ text: 'SQS' }] });
    const stale = await patch(skillId, { aliases: [{ text: 'SQS' }] }, etag);

    expect(missing.status).toBe(428);
    expect(stale.status).toBe(412);
    expect((await call('GET', `/skills/${skillId}`)).body).toMatchObject({ aliases: KAFKA_ALIASES, revision: 2 });
  });

  it('when an edit sends a bad alias, then 422 and the skill keeps its aliases and revision', async () => {
    const { skillId, etag } = await createSkill(KAFKA_ALIASES);

    const answer = await patch(skillId, { aliases: [{ text: 'SQS' }, { text: 'sqs' }] }, etag);

    expect(answer.status).toBe(422);
    expect(pointers(answer)).toEqual(['/aliases/1/text']);
    expect((await call('GET', `/skills/${skillId}`)).body).toMatchObject({ aliases: KAFKA_ALIASES, revision: 1 });
    expect(await skillUpdatesInOutbox(skillId)).toEqual([]);
  });

  it('when aliases are edited, then the answer and the view show them and SkillUpdated carries them on the outbox and the topic', async () => {
    const { skillId, etag } = await createSkill(KAFKA_ALIASES);
    const next = [...KAFKA_ALIASES, { text: 'SQS' }, { text: 'Amazon SQS' }];

    const edited = await patch(skillId, { aliases: next }, etag);

    expect(edited).toMatchObject({ status: 200, etag: '"r2"', body: { id: skillId, aliases: next, revision: 2 } });
    expect((await call('GET', `/skills/${skillId}`)).body.aliases).toEqual(next);
    expect(await skillUpdatesInOutbox(skillId)).toEqual([{ version: 2, data: expect.objectContaining({ skillId, name: 'Message queues', aliases: next }) }]);
    const event = await skillEvents.waitFor((candidate) => candidate.subject === skillId);
    expect(SkillUpdated.schema.parse(event.data).aliases).toEqual(next);
  });

  it('when the same aliases are sent again, then nothing changes: same revision, no new SkillUpdated', async () => {
    const { skillId, etag } = await createSkill(KAFKA_ALIASES);

    const again = await patch(skillId, { aliases: [{ text: 'Kafka ' }, { text: 'RabbitMQ', caseSensitive: false }, { text: 'NATS', ambiguous: true, caseSensitive: true }] }, etag);

    expect(again).toMatchObject({ status: 200, etag, body: { aliases: KAFKA_ALIASES, revision: 1 } });
    expect(await skillUpdatesInOutbox(skillId)).toEqual([]);
  });

  it('when a roadmap placing the skill is published and the aliases later change, then RoadmapPublished and the roadmap view carry them', async () => {
    const { skillId, etag: skillEtag } = await createSkill(KAFKA_ALIASES);
    const slug = uniqueSlug('aliases-roadmap');
    let etag = (await call('POST', '/roadmaps', { headers: editor, body: { slug, title: 'Aliases', kind: 'skill' } })).etag as string;
    for (const [method, path, body] of [
      ['POST', `/roadmaps/${slug}/draft/stages`, { id: 'only', title: 'Only' }],
      ['POST', `/roadmaps/${slug}/draft/stages/only/skills`, { skillId, priority: 'essential' }],
      ['POST', `/roadmaps/${slug}/publish`, undefined],
    ] as const) {
      const answer = await call(method, path, { headers: { ...editor, 'if-match': etag }, body });
      expect(answer.status).toBe(200);
      etag = answer.etag as string;
    }

    const published = await roadmapEvents.waitFor((candidate) => candidate.subject === `roadmap:${slug}`);
    expect(RoadmapPublished.schema.parse(published.data).skills).toEqual([expect.objectContaining({ skillId, aliases: KAFKA_ALIASES })]);
    expect((await call('GET', `/roadmaps/${slug}`)).body.stages[0].skills[0]).toMatchObject({ id: skillId, aliases: KAFKA_ALIASES });

    expect((await patch(skillId, { aliases: [{ text: 'Kafka' }] }, skillEtag)).status).toBe(200);
    expect((await call('GET', `/roadmaps/${slug}`)).body.stages[0].skills[0].aliases).toEqual([{ text: 'Kafka' }]);
  });

  it('when seeded skills are read, then each has its seeded aliases (new or older databases alike)', async () => {
    const sql = await call('GET', '/skills/skill:sql');
    const backend = await call('GET', '/roadmaps/backend');

    expect(sql.body.aliases).toEqual(expect.arrayContaining([{ text: 'SQL' }, { text: 'PostgreSQL' }, { text: 'T-SQL' }, { text: 'Oracle', ambiguous: true }]));
    const skills = backend.body.stages.flatMap((stage: { skills: { id: string; aliases: unknown[] }[] }) => stage.skills);
    expect(skills.filter((skill: { aliases: unknown[] }) => skill.aliases.length === 0).map((skill: { id: string }) => skill.id)).toEqual([]);
  });
});
