import { RoadmapPublished, RoadmapRetired, SkillUpdated } from '@pathwise/contracts';
import { tailTopic, type TopicTail, waitFor } from '@pathwise/platform/testing';
import { startCatalog, uniqueSlug, type CatalogUnderTest } from './testing';

interface Answer {
  status: number;
  etag: string | null;
  contentType: string | null;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test
}

describe('catalog editing', () => {
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
    return { status: response.status, etag: response.headers.get('etag'), contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : undefined };
  }

  /**
   * Sessions waiting, directly or in a queue, on the session `pid`: the first waiter holds the
   * row's tuple lock and waits on `pid`; the next waits on that first waiter.
   */
  async function blockedBehind(pid: number): Promise<number> {
    const [{ n }] = (await catalog.dataSource.query(
      `WITH RECURSIVE blocked(pid) AS (
         SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))
         UNION
         SELECT activity.pid FROM pg_stat_activity activity JOIN blocked ON blocked.pid = ANY (pg_blocking_pids(activity.pid))
       )
       SELECT count(*)::int AS n FROM blocked`,
      [pid],
    )) as [{ n: number }];
    return n;
  }

  /** Sends an editor change with the current revision, as a client that just read the draft would. */
  async function change(method: string, path: string, etag: string, body?: unknown): Promise<Answer> {
    return call(method, path, { body, headers: { ...editor, 'if-match': etag } });
  }

  async function createDraft(slug = uniqueSlug('e2e')): Promise<{ slug: string; etag: string }> {
    const created = await call('POST', '/roadmaps', { headers: editor, body: { slug, title: 'E2E roadmap', kind: 'role', tags: ['Go'] } });
    expect(created.status).toBe(201);
    return { slug, etag: created.etag as string };
  }

  /** A draft with one stage holding `http` and `rest-api`, `rest-api` requiring `http`. */
  async function publishableDraft(): Promise<{ slug: string; etag: string }> {
    const { slug } = await createDraft();
    let etag = (await call('GET', `/roadmaps/${slug}/draft`, { headers: editor })).etag as string;
    for (const [method, path, body] of [
      ['POST', `/roadmaps/${slug}/draft/stages`, { id: 'basics', title: 'Basics' }],
      ['POST', `/roadmaps/${slug}/draft/stages/basics/skills`, { skillId: 'skill:http', priority: 'essential' }],
      ['POST', `/roadmaps/${slug}/draft/stages/basics/skills`, { skillId: 'skill:rest-api', priority: 'recommended' }],
      ['PUT', `/roadmaps/${slug}/draft/skills/skill:rest-api/prerequisites`, { requires: ['skill:http'] }],
    ] as const) {
      const answer = await change(method, path, etag, body);
      expect(answer.status).toBe(200);
      etag = answer.etag as string;
    }
    return { slug, etag };
  }

  describe('authorization', () => {
    it.each([
      ['POST', '/roadmaps'],
      ['GET', '/roadmaps/backend/draft'],
      ['PATCH', '/roadmaps/backend/draft'],
      ['POST', '/roadmaps/backend/publish'],
      ['POST', '/roadmaps/backend/retire'],
      ['POST', '/skills'],
      ['PATCH', '/skills/skill:git'],
    ])('when %s %s is called anonymously, then 401 with a Bearer challenge; as a learner, then 403', async (method, path) => {
      const anonymous = await fetch(`${catalog.running.baseUrl}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(anonymous.headers.get('content-type')).toBe('application/problem+json');

      const learner = await call(method, path, { headers: await catalog.as('learner'), ...(method === 'GET' ? {} : { body: {} }) });
      expect(learner.status).toBe(403);
    });

    it('when the token was minted for another service, then the catalog refuses it', async () => {
      const token = await catalog.issuer.token({ roles: ['editor'], audience: 'pathwise:progress' });
      const answer = await call('GET', '/roadmaps/backend/draft', { headers: { authorization: `Bearer ${token}` } });
      expect(answer.status).toBe(401);
    });
  });

  describe('drafts', () => {
    it('when a draft is created, then it answers 201 with its revision as ETag and a Location', async () => {
      const slug = uniqueSlug('created');
      const response = await fetch(`${catalog.running.baseUrl}/roadmaps`, {
        method: 'POST',
        headers: { ...editor, 'content-type': 'application/json' },
        body: JSON.stringify({ slug, title: 'Created', kind: 'skill' }),
      });
      expect(response.status).toBe(201);
      expect(response.headers.get('etag')).toBe('"r1"');
      expect(response.headers.get('location')).toBe(`/roadmaps/${slug}/draft`);
      expect(await response.json()).toMatchObject({ slug, status: 'draft', version: 0, revision: 1, content: { title: 'Created', stages: [] } });
    });

    it('when the slug is taken, then 409 and the existing roadmap is untouched', async () => {
      const { slug } = await createDraft();
      const again = await call('POST', '/roadmaps', { headers: editor, body: { slug, title: 'Other', kind: 'skill' } });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('CATALOG.ROADMAP_EXISTS');
      expect((await call('GET', `/roadmaps/${slug}/draft`, { headers: editor })).body.content.title).toBe('E2E roadmap');
    });

    it('when the body smuggles status, version or createdAt (mass assignment), then 422 names each and nothing is created', async () => {
      const slug = uniqueSlug('mass');
      const answer = await call('POST', '/roadmaps', { headers: editor, body: { slug, title: 'X', kind: 'role', status: 'published', version: 7, createdAt: '2020-01-01' } });
      expect(answer.status).toBe(422);
      expect(answer.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(['/createdAt', '/status', '/version']);
      expect((await call('GET', `/roadmaps/${slug}/draft`, { headers: editor })).status).toBe(404);
    });

    it('when several fields are invalid, then each gets one error with a JSON Pointer', async () => {
      const answer = await call('POST', '/roadmaps', { headers: editor, body: { slug: 'Bad Slug', title: 42, kind: 'planet', tags: ['x'.repeat(41)] } });
      expect(answer.status).toBe(422);
      expect(answer.contentType).toBe('application/problem+json');
      expect(answer.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(['/kind', '/slug', '/tags/0', '/title']);
    });

    it('when a change comes without If-Match, then 428; with an old revision, then 412; and nothing changes', async () => {
      const { slug, etag } = await createDraft();
      const missing = await call('PATCH', `/roadmaps/${slug}/draft`, { headers: editor, body: { title: 'No precondition' } });
      expect(missing.status).toBe(428);

      const fresh = await change('PATCH', `/roadmaps/${slug}/draft`, etag, { title: 'First edit' });
      expect(fresh.status).toBe(200);
      const stale = await change('PATCH', `/roadmaps/${slug}/draft`, etag, { title: 'Lost update' });
      expect(stale.status).toBe(412);
      expect((await call('GET', `/roadmaps/${slug}/draft`, { headers: editor })).body.content.title).toBe('First edit');
    });

    it('when two editors both pass the If-Match check and one commits first, then the other gets 409 and only the winner is stored', async () => {
      const { slug, etag } = await createDraft();
      // A row lock held from another connection: plain reads pass it, so both requests load the
      // draft and pass the revision check (412 is decided there), then both block on the UPDATE
      // that saves under the loaded revision. Released, one commits; the other's UPDATE re-reads
      // the row, matches no revision, and the save answers 409.
      const lock = catalog.dataSource.createQueryRunner();
      await lock.connect();
      let answers: Answer[];
      try {
        await lock.startTransaction();
        const [{ pid }] = (await lock.query('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
        await lock.query('SELECT 1 FROM roadmaps WHERE slug = $1 FOR UPDATE', [slug]);
        const racing = Promise.all(['A', 'B'].map((editorName) => change('PATCH', `/roadmaps/${slug}/draft`, etag, { title: `Editor ${editorName}` })));
        await waitFor(() => blockedBehind(pid), (blocked) => blocked === 2, 10_000, 'both saves waiting on the row lock');
        await lock.commitTransaction();
        answers = await racing;
      } finally {
        if (lock.isTransactionActive) await lock.rollbackTransaction();
        await lock.release();
      }

      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const loser = answers.find((answer) => answer.status === 409);
      expect(loser?.contentType).toBe('application/problem+json');
      expect(loser?.body).toMatchObject({ status: 409, code: 'CATALOG.STALE_REVISION' });
      const winner = answers.find((answer) => answer.status === 200);
      expect((await call('GET', `/roadmaps/${slug}/draft`, { headers: editor })).body).toMatchObject({ revision: 2, content: { title: winner?.body.content.title } });
    });

    it('when a prerequisite would close a cycle, then 409 shows the cycle and the edges stay as they were', async () => {
      const { slug, etag } = await publishableDraft();
      const answer = await change('PUT', `/roadmaps/${slug}/draft/skills/skill:http/prerequisites`, etag, { requires: ['skill:rest-api'] });
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ code: 'CATALOG.PREREQUISITE_CYCLE', cycle: ['skill:http', 'skill:rest-api', 'skill:http'] });
      const draft = await call('GET', `/roadmaps/${slug}/draft`, { headers: editor });
      expect(draft.body.content.prerequisites).toEqual([{ skillId: 'skill:rest-api', requiresSkillId: 'skill:http' }]);
    });

    it('when a skill that does not exist is placed, then 404 and the draft is unchanged', async () => {
      const { slug, etag } = await publishableDraft();
      const answer = await change('POST', `/roadmaps/${slug}/draft/stages/basics/skills`, etag, { skillId: 'skill:no-such-thing', priority: 'optional' });
      expect(answer.status).toBe(404);
      expect(answer.body.code).toBe('CATALOG.SKILL_NOT_FOUND');
      expect((await call('GET', `/roadmaps/${slug}/draft`, { headers: editor })).etag).toBe(etag);
    });

    // The request schema's pattern (a dotted name, no address literal, http(s)) refuses most at the
    // edge; names only the aggregate knows to be internal reach parseResourceUrl.
    it.each([
      ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', 'schema'],
      ['localhost', 'http://localhost:8080/admin', 'schema'],
      ['an internal host', 'https://wiki.corp/page', 'aggregate'],
      ['a decimal IP literal', 'http://2130706433/', 'schema'],
      ['a javascript: link', 'javascript:alert(1)', 'schema'],
      ['a file: link', 'file:///etc/passwd', 'schema'],
    ])('when a resource URL points at %s, then 422 and nothing is attached', async (_case, url, refusedBy) => {
      const { slug, etag } = await publishableDraft();
      const answer = await change('POST', `/roadmaps/${slug}/draft/skills/skill:http/resources`, etag, { title: 'Bad', url, type: 'article', free: true });
      expect(answer.status).toBe(422);
      if (refusedBy === 'aggregate') expect(answer.body.code).toBe('CATALOG.INVALID_RESOURCE_URL');
      else expect(answer.body.errors).toEqual([expect.objectContaining({ pointer: '/url', detail: 'must be a public http(s) link' })]);
      const draft = await call('GET', `/roadmaps/${slug}/draft`, { headers: editor });
      expect(draft.etag).toBe(etag);
    });

    it('when stages and skills are reordered, then the new order sticks; an order that drops one is refused', async () => {
      const { slug, etag } = await publishableDraft();
      const added = await change('POST', `/roadmaps/${slug}/draft/stages`, etag, { id: 'advanced', title: 'Advanced' });
      const reordered = await change('PUT', `/roadmaps/${slug}/draft/stage-order`, added.etag as string, { stageIds: ['advanced', 'basics'] });
      expect(reordered.status).toBe(200);
      expect(reordered.body.content.stages.map((stage: { id: string }) => stage.id)).toEqual(['advanced', 'basics']);

      const dropped = await change('PUT', `/roadmaps/${slug}/draft/stages/basics/skill-order`, reordered.etag as string, { skillIds: ['skill:rest-api'] });
      expect(dropped.status).toBe(409);
      expect(dropped.body).toMatchObject({ code: 'CATALOG.INVALID_ORDER', missing: ['skill:http'] });
    });

    it('when a 100k-element array is sent, then it is refused quickly without reaching the aggregate', async () => {
      const { slug, etag } = await createDraft();
      const started = Date.now();
      const answer = await change('PUT', `/roadmaps/${slug}/draft/stage-order`, etag, { stageIds: Array.from({ length: 100_000 }, (_, i) => `s${i}`) });
      expect([413, 422]).toContain(answer.status);
      expect(answer.contentType).toBe('application/problem+json');
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  describe('publishing', () => {
    it('when a draft is published, then version 1 is live and RoadmapPublished with the full snapshot is on the topic', async () => {
      const { slug, etag } = await publishableDraft();
      const published = await change('POST', `/roadmaps/${slug}/publish`, etag);
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ status: 'published', version: 1, hasUnpublishedChanges: false });

      const event = await roadmapEvents.waitFor((candidate) => candidate.subject === `roadmap:${slug}` && candidate.type === RoadmapPublished.type);
      const data = RoadmapPublished.schema.parse(event.data);
      expect(data).toMatchObject({ slug, version: 1, stages: [{ stageId: 'basics', position: 1, skills: [{ skillId: 'skill:http', position: 1, priority: 'essential' }, { skillId: 'skill:rest-api', position: 2, priority: 'recommended' }] }] });
      expect(data.prerequisites).toEqual([{ skillId: 'skill:rest-api', requiresSkillId: 'skill:http' }]);
      expect(data.skills.map((skill) => skill.skillId).sort()).toEqual(['skill:http', 'skill:rest-api']);
    });

    it('when a new version is published, then reads switch to it at once, the old version stays readable, and the event carries version 2', async () => {
      const { slug, etag } = await publishableDraft();
      const v1 = await change('POST', `/roadmaps/${slug}/publish`, etag);
      const before = await call('GET', `/roadmaps/${slug}`);
      expect(before.body.version).toBe(1);

      const removed = await change('DELETE', `/roadmaps/${slug}/draft/skills/skill:rest-api`, v1.etag as string);
      const added = await change('POST', `/roadmaps/${slug}/draft/stages/basics/skills`, removed.etag as string, { skillId: 'skill:git', priority: 'essential' });
      expect((await call('GET', `/roadmaps/${slug}`)).body.version).toBe(1);
      const v2 = await change('POST', `/roadmaps/${slug}/publish`, added.etag as string);
      expect(v2.body.version).toBe(2);

      const live = await call('GET', `/roadmaps/${slug}`, { headers: { 'if-none-match': before.etag as string } });
      expect(live.status).toBe(200);
      expect(live.body).toMatchObject({ version: 2, latestVersion: 2 });
      expect(live.body.stages[0].skills.map((skill: { id: string }) => skill.id)).toEqual(['skill:http', 'skill:git']);

      const old = await call('GET', `/roadmaps/${slug}/versions/1`);
      expect(old.body.stages[0].skills.map((skill: { id: string }) => skill.id)).toEqual(['skill:http', 'skill:rest-api']);
      expect(old.body).toMatchObject({ version: 1, latestVersion: 2 });

      const event = await roadmapEvents.waitFor((candidate) => candidate.subject === `roadmap:${slug}` && (candidate.data as { version: number }).version === 2);
      expect(event.aggregateVersion).toBeGreaterThan(1);
    });

    it('when a draft without stages is published, then the rule is named and nothing is emitted', async () => {
      const { slug, etag } = await createDraft();
      const empty = await change('POST', `/roadmaps/${slug}/publish`, etag);
      expect(empty.status).toBe(409);
      expect(empty.body.code).toBe('CATALOG.ROADMAP_HAS_NO_STAGES');
      const outbox = await catalog.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE message_key = $1`, [`roadmap:${slug}`]);
      expect(outbox[0].n).toBe(0);
    });

    it('when a roadmap is retired, then it leaves the list, its page says retired, RoadmapRetired is emitted and edits are refused', async () => {
      const { slug, etag } = await publishableDraft();
      const published = await change('POST', `/roadmaps/${slug}/publish`, etag);
      await call('GET', `/roadmaps/${slug}`); // cached now
      const retired = await change('POST', `/roadmaps/${slug}/retire`, published.etag as string);
      expect(retired.body.status).toBe('retired');

      expect((await call('GET', `/roadmaps/${slug}`)).body.status).toBe('retired');
      const list = await call('GET', '/roadmaps?limit=100');
      expect(list.body.items.map((item: { slug: string }) => item.slug)).not.toContain(slug);
      const event = await roadmapEvents.waitFor((candidate) => candidate.subject === `roadmap:${slug}` && candidate.type === RoadmapRetired.type);
      expect(RoadmapRetired.schema.parse(event.data)).toMatchObject({ slug, version: 1 });

      const edit = await change('PATCH', `/roadmaps/${slug}/draft`, retired.etag as string, { title: 'Too late' });
      expect(edit.status).toBe(409);
      expect(edit.body.code).toBe('CATALOG.ROADMAP_RETIRED');
    });
  });

  describe('skills', () => {
    it('when a skill is renamed, then SkillUpdated is emitted and cached roadmaps that show it are refreshed', async () => {
      const slug = uniqueSlug('skill');
      const created = await call('POST', '/skills', { headers: editor, body: { slug, name: 'Original name', description: 'Used by one test.' } });
      expect(created.status).toBe(201);
      const { slug: roadmapSlug } = await createDraft();
      let etag = (await call('GET', `/roadmaps/${roadmapSlug}/draft`, { headers: editor })).etag as string;
      etag = (await change('POST', `/roadmaps/${roadmapSlug}/draft/stages`, etag, { id: 'only', title: 'Only' })).etag as string;
      etag = (await change('POST', `/roadmaps/${roadmapSlug}/draft/stages/only/skills`, etag, { skillId: `skill:${slug}`, priority: 'essential' })).etag as string;
      await change('POST', `/roadmaps/${roadmapSlug}/publish`, etag);
      expect((await call('GET', `/roadmaps/${roadmapSlug}`)).body.stages[0].skills[0].name).toBe('Original name');

      const renamed = await call('PATCH', `/skills/skill:${slug}`, { headers: { ...editor, 'if-match': created.etag as string }, body: { name: 'New name' } });
      expect(renamed.status).toBe(200);
      expect((await call('GET', `/roadmaps/${roadmapSlug}`)).body.stages[0].skills[0].name).toBe('New name');
      const event = await skillEvents.waitFor((candidate) => candidate.subject === `skill:${slug}`);
      expect(SkillUpdated.schema.parse(event.data)).toMatchObject({ skillId: `skill:${slug}`, name: 'New name' });
    });

    it('when a skill is created with invalid signals, then each bad field is pointed at', async () => {
      const answer = await call('POST', '/skills', {
        headers: editor,
        body: { slug: uniqueSlug('signals'), name: 'S', signals: { importance: { level: 'huge', source: 'x', asOf: '2026-02-30' }, marketDemand: { level: 'high', source: 'x', asOf: '2026-01-01' } } },
      });
      expect(answer.status).toBe(422);
      expect(answer.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual(['/signals/automationRisk', '/signals/importance/asOf', '/signals/importance/level']);
    });
  });
});
