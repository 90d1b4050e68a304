import { startCatalog, type CatalogUnderTest } from './testing';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies under test

describe('catalog reads (seeded content)', () => {
  let catalog: CatalogUnderTest;
  let base: string;

  beforeAll(async () => {
    catalog = await startCatalog();
    base = catalog.running.baseUrl;
  });

  afterAll(() => catalog.close());

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  it('when the Backend Engineer roadmap is read, then it has 9 stages and 32 skills with priorities and acyclic prerequisites', async () => {
    const response = await get('/roadmaps/backend');
    const roadmap = (await response.json()) as Json;

    expect(response.status).toBe(200);
    expect(roadmap).toMatchObject({ slug: 'backend', status: 'published', title: 'Backend Engineer', kind: 'role' });
    expect(roadmap.stages).toHaveLength(9);
    const skills = roadmap.stages.flatMap((stage: { skills: unknown[] }) => stage.skills);
    expect(skills).toHaveLength(32);
    expect(new Set(skills.map((skill: { priority: string }) => skill.priority))).toEqual(new Set(['essential', 'recommended', 'optional']));
    const ids = new Set(skills.map((skill: { id: string }) => skill.id));
    for (const edge of roadmap.prerequisites) {
      expect(ids.has(edge.skillId) && ids.has(edge.requiresSkillId)).toBe(true);
    }
  });

  it('when a skill appears in two roadmaps, then both use the same id and the skill lists both', async () => {
    const [backend, aiEra] = await Promise.all([get('/roadmaps/backend').then((r) => r.json() as Promise<Json>), get('/roadmaps/backend-ai-era').then((r) => r.json() as Promise<Json>)]);
    const idsOf = (roadmap: { stages: { skills: { id: string }[] }[] }) => new Set(roadmap.stages.flatMap((stage) => stage.skills.map((skill) => skill.id)));
    expect(idsOf(backend).has('skill:git') && idsOf(aiEra).has('skill:git')).toBe(true);

    const skill = await get('/skills/skill:git').then((r) => r.json() as Promise<Json>);
    expect(skill.roadmaps.map((roadmap: { slug: string }) => roadmap.slug)).toEqual(expect.arrayContaining(['backend', 'backend-ai-era']));
  });

  it('when the roadmap is read again with its ETag, then the answer is 304 without a body', async () => {
    const first = await get('/roadmaps/backend');
    const etag = first.headers.get('etag') as string;
    const second = await get('/roadmaps/backend', { 'if-none-match': etag });

    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(second.status).toBe(304);
    expect(second.headers.get('etag')).toBe(etag);
    expect(await second.text()).toBe('');
  });

  it('when roadmaps are listed a page at a time, then the cursor walks every published roadmap once', async () => {
    const slugs: string[] = [];
    let cursor: string | null = null;
    let page: Json;
    do {
      page = await get(`/roadmaps?limit=2${cursor ? `&cursor=${cursor}` : ''}`).then((r) => r.json() as Promise<Json>);
      expect(page.items.length).toBeLessThanOrEqual(2);
      slugs.push(...page.items.map((item: { slug: string }) => item.slug));
      cursor = page.nextCursor;
    } while (cursor);
    expect(slugs).toEqual([...slugs].sort());
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toEqual(expect.arrayContaining(['backend', 'backend-ai-era', 'backend-aws', 'backend-patterns-path']));
  });

  it('when roadmaps are filtered by kind and tag, then only matching ones come back', async () => {
    const byTag = await get('/roadmaps?tag=aws&limit=100').then((r) => r.json() as Promise<Json>);
    expect(byTag.items.map((item: { slug: string }) => item.slug)).toContain('backend-aws');
    expect(byTag.items.every((item: { tags: string[] }) => item.tags.some((tag) => tag.toLowerCase() === 'aws'))).toBe(true);

    const skills = await get('/roadmaps?kind=skill&limit=100').then((r) => r.json() as Promise<Json>);
    expect(skills.items.every((item: { kind: string }) => item.kind === 'skill')).toBe(true);
  });

  it.each([
    ['an absurd limit', '/roadmaps?limit=1000000', '/limit'],
    ['a cursor that is not a slug', '/roadmaps?cursor=Not_A_Slug', '/cursor'],
    ['an unknown kind', '/roadmaps?kind=galaxy', '/kind'],
    ['an unknown parameter', '/roadmaps?admin=true', '/admin'],
  ])('when the list is asked with %s, then 400 problem+json names the parameter', async (_case, path, pointer) => {
    const response = await get(path);
    const problem = (await response.json()) as Json;
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(problem.errors).toEqual([expect.objectContaining({ pointer, in: 'query' })]);
  });

  it('when an old or missing version is asked for, then version 1 is served and a later one is 404 problem+json', async () => {
    const v1 = await get('/roadmaps/backend/versions/1');
    expect(v1.status).toBe(200);
    expect((await v1.json()) as Json).toMatchObject({ version: 1 });

    const missing = await get('/roadmaps/backend/versions/999');
    expect(missing.status).toBe(404);
    expect((await missing.json()) as Json).toMatchObject({ status: 404, code: 'CATALOG.ROADMAP_NOT_FOUND' });
  });

  it.each([
    ['/roadmaps/no-such-roadmap', 404],
    ['/roadmaps/Not_A_Slug', 400],
    ['/skills/skill:no-such-skill', 404],
    ['/skills/git', 400],
  ])('when %s is read, then the answer is %i problem+json', async (path, status) => {
    const response = await get(path);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as Json).status).toBe(status);
  });

  it('when skills and resources are searched, then matches come back ranked with the roadmaps that teach them', async () => {
    const result = await get('/search?q=kafka').then((r) => r.json() as Promise<Json>);
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits[0]).toMatchObject({ kind: 'skill', skillId: 'skill:message-queues' });
    expect(result.hits.some((hit: { kind: string; url: string }) => hit.kind === 'resource' && hit.url.includes('kafka.apache.org'))).toBe(true);
    const ranks = result.hits.map((hit: { rank: number }) => hit.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it('when the search text is odd (operators, quotes, SQL), then it is still a valid query', async () => {
    const response = await get(`/search?q=${encodeURIComponent(`"docker" -kubernetes ' OR 1=1; --`)}`);
    expect(response.status).toBe(200);
    expect(Array.isArray(((await response.json()) as Json).hits)).toBe(true);
  });

  it('when the search has no text, then 400 names q', async () => {
    const response = await get('/search');
    expect(response.status).toBe(400);
    expect(((await response.json()) as Json).errors).toEqual([expect.objectContaining({ pointer: '/q' })]);
  });

  it('when an access token sits in the query string, then even a public read is refused with 401', async () => {
    const response = await get('/roadmaps/backend?access_token=abc');
    expect(response.status).toBe(401);
  });
});
