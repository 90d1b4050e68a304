import { findCycle, SEED_ALIAS_RULES, SEED_SKILL_ALIASES, seedCatalog, type RoadmapSnapshot, type SignalLevel, type SkillId } from '../../index';
import { T0 } from '../../testing';

const catalog = seedCatalog(T0);
const snapshots = new Map(catalog.roadmaps.map((roadmap) => [roadmap.slug, roadmap.snapshot() as RoadmapSnapshot]));
const skillsById = new Map(catalog.skills.map((skill) => [skill.id, skill]));

const roadmap = (slug: string): RoadmapSnapshot => {
  const snapshot = snapshots.get(slug);
  if (!snapshot) throw new Error(`No seeded roadmap ${slug}`);
  return snapshot;
};
const skillIdsOf = (snapshot: RoadmapSnapshot): SkillId[] => snapshot.stages.flatMap((stage) => stage.skills.map((skill) => skill.skillId));
const letter = { essential: 'E', recommended: 'R', optional: 'O' } as const;

describe('seed catalog', () => {
  it('when the seed is built, then each roadmap is published as version 1 with one RoadmapPublished', () => {
    const fresh = seedCatalog(T0);

    expect(fresh.roadmaps.map((r) => [r.slug, r.status, r.version])).toEqual([
      ['backend', 'published', 1],
      ['backend-ai-era', 'published', 1],
      ['backend-aws', 'published', 1],
      ['backend-patterns-path', 'published', 1],
    ]);
    for (const seeded of fresh.roadmaps) {
      expect(seeded.pullEvents()).toEqual([expect.objectContaining({ type: 'RoadmapPublished', aggregateId: seeded.id, roadmap: seeded.snapshot() })]);
    }
  });

  it('when the seed is built twice, then the results are identical, so a loader can compare by id', () => {
    const again = seedCatalog(T0);

    expect(again.skills.map((skill) => skill.toState())).toEqual(catalog.skills.map((skill) => skill.toState()));
    expect(again.roadmaps.map((r) => r.toState())).toEqual(catalog.roadmaps.map((r) => r.toState()));
  });

  it('when skills are listed, then ids are unique, each is placed in some roadmap and each placed skill exists', () => {
    const ids = catalog.skills.map((skill) => skill.id);
    const placed = new Set([...snapshots.values()].flatMap(skillIdsOf));

    expect(new Set(ids).size).toBe(ids.length);
    expect([...placed].filter((id) => !skillsById.has(id))).toEqual([]);
    expect(ids.filter((id) => !placed.has(id))).toEqual([]);
  });

  it('when the seed is built, then every skill carries its seeded aliases in order, each with its rule', () => {
    for (const skill of catalog.skills) {
      expect({ id: skill.id, aliases: skill.aliases }).toEqual({ id: skill.id, aliases: SEED_SKILL_ALIASES[skill.id]?.map((text) => ({ text, ...SEED_ALIAS_RULES[text] })) });
      expect(skill.aliases.length).toBeGreaterThan(0);
    }
    const sql = skillsById.get('skill:sql' as SkillId)?.aliases;
    expect(sql).toEqual(expect.arrayContaining([{ text: 'PostgreSQL' }, { text: 'T-SQL' }, { text: 'Oracle', ambiguous: true }]));
    expect(skillsById.get('skill:language-proficiency' as SkillId)?.aliases).toContainEqual({ text: 'Go', ambiguous: true, caseSensitive: true });
  });

  it.each([
    ['skill:git', ['backend', 'backend-ai-era']],
    ['skill:http', ['backend', 'backend-ai-era', 'backend-aws']],
    ['skill:rest-api', ['backend', 'backend-ai-era', 'backend-aws']],
    ['skill:sql', ['backend', 'backend-ai-era', 'backend-aws']],
    ['skill:caching', ['backend', 'backend-ai-era', 'backend-aws', 'backend-patterns-path']],
    ['skill:message-queues', ['backend', 'backend-ai-era', 'backend-aws', 'backend-patterns-path']],
    ['skill:docker', ['backend', 'backend-ai-era', 'backend-aws']],
    ['skill:observability', ['backend', 'backend-ai-era', 'backend-aws']],
    ['skill:outbox-inbox', ['backend-ai-era', 'backend-aws', 'backend-patterns-path']],
    ['skill:idempotency', ['backend-aws', 'backend-patterns-path']],
  ])('when %s recurs across roadmaps, then every one of them references the same id', (skillId, slugs) => {
    const containing = [...snapshots.entries()].filter(([, snapshot]) => skillIdsOf(snapshot).includes(skillId as SkillId)).map(([slug]) => slug);

    expect(containing).toEqual(slugs);
    expect(catalog.skills.filter((skill) => skill.id === skillId)).toHaveLength(1);
  });

  describe('Backend Engineer (seed 002)', () => {
    const backend = roadmap('backend');

    it('when built, then it has 9 stages and 32 skills with the priorities of the source, stage by stage', () => {
      expect(backend.stages).toHaveLength(9);
      expect(skillIdsOf(backend)).toHaveLength(32);
      expect(backend.stages.map((stage) => stage.skills.map((skill) => letter[skill.priority]).join(''))).toEqual([
        'EEE',
        'EEER',
        'EEER',
        'EEERR',
        'EEE',
        'ER',
        'EEERO',
        'EE',
        'ERRE',
      ]);
    });

    it('when built, then stage titles, core stack and the only optional skill match the source', () => {
      expect(backend.stages.map((stage) => stage.title)).toEqual([
        'Computing & Internet Fundamentals',
        'Pick ONE Language & Go Deep',
        'Build Real APIs',
        'Databases (Relational First)',
        'Authentication, Authorization & Security',
        'Caching, Queues & Async Processing',
        'Containers, Cloud & CI/CD',
        'Testing, Observability & Reliability',
        'System Design & Distributed Systems (Job-Ready)',
      ]);
      expect(backend.tags).toEqual(['Go', 'Postgres', 'Docker', 'Redis', 'GraphQL']);
      const optional = backend.stages.flatMap((stage) => stage.skills).filter((skill) => skill.priority === 'optional');
      expect(optional.map((skill) => skill.skillId)).toEqual(['skill:infrastructure-as-code']);
    });
  });

  describe('Backend Engineer (AI era) (seed 001)', () => {
    const aiEra = roadmap('backend-ai-era');
    const expected: [string, SignalLevel, SignalLevel, SignalLevel][] = [
      ['A typed language + git', 'high', 'high', 'low'],
      ['HTTP & REST APIs', 'high', 'high', 'medium'],
      ['Relational databases & SQL', 'high', 'high', 'low'],
      ['Auth & security', 'high', 'high', 'low'],
      ['Testing & CI', 'high', 'medium', 'high'],
      ['Caching & message queues', 'medium', 'high', 'low'],
      ['Observability', 'high', 'high', 'low'],
      ['Containers & deployment', 'high', 'high', 'medium'],
      ['System design', 'high', 'high', 'low'],
      ['LLM-backed services', 'high', 'high', 'low'],
    ];

    it('when built, then it has the 10 steps in the order of the source', () => {
      expect(aiEra.stages.map((stage) => stage.title)).toEqual(expected.map(([title]) => title));
    });

    it.each(expected.map((row, i) => [i + 1, ...row] as const))(
      'when step %i (%s) is read, then each of its skills carries importance %s, market demand %s and automation risk %s',
      (position, _, importance, marketDemand, automationRisk) => {
        const stage = aiEra.stages[position - 1];

        expect(stage.skills.length).toBeGreaterThan(0);
        for (const { skillId, priority } of stage.skills) {
          const signals = skillsById.get(skillId)?.signals;
          expect({ skillId, levels: [signals?.importance.level, signals?.marketDemand.level, signals?.automationRisk.level] }).toEqual({
            skillId,
            levels: [importance, marketDemand, automationRisk],
          });
          expect(signals?.importance).toMatchObject({ source: expect.stringContaining('Backend Engineer (AI era)'), asOf: '2026-11-21' });
          expect(priority).toBe(importance === 'high' ? 'essential' : 'recommended');
        }
      },
    );
  });

  describe('AWS backend (seed 000) and patterns path (seed 003)', () => {
    it('when built, then the AWS roadmap has its 10 steps in order', () => {
      expect(roadmap('backend-aws').stages.map((stage) => stage.title)).toEqual([
        'Build your foundations',
        'Expose & connect services on AWS',
        'Go asynchronous: messaging & streaming',
        'Master the data layer',
        'Package, deploy & automate',
        'Transactions & coordination',
        'Observability & resilience',
        'Secure everything',
        'Integrate AI with RAG',
        'Capstone',
      ]);
    });

    it('when built, then the patterns path goes beginner → intermediate → advanced with the articles each level names', () => {
      const path = roadmap('backend-patterns-path');

      expect(path.kind).toBe('skill');
      expect(path.stages.map((stage) => [stage.stageId, stage.skills.map((skill) => skill.skillId)])).toEqual([
        ['beginner', ['skill:input-validation', 'skill:layered-architecture']],
        ['intermediate', ['skill:rate-limiting', 'skill:idempotency', 'skill:circuit-breaker', 'skill:caching']],
        ['advanced', ['skill:message-queues', 'skill:outbox-inbox', 'skill:saga', 'skill:microservices', 'skill:cqrs-event-sourcing']],
      ]);
    });
  });

  describe('prerequisites and resources', () => {
    it('when all roadmaps are combined, then the union of their prerequisites is acyclic', () => {
      const union = [...snapshots.values()].flatMap((snapshot) => snapshot.prerequisites);

      expect(union.length).toBeGreaterThan(40);
      expect(findCycle(union)).toBeUndefined();
    });

    it.each(['backend', 'backend-ai-era', 'backend-aws', 'backend-patterns-path'])(
      'when %s is read in stage order, then no skill comes before something it requires',
      (slug) => {
        const snapshot = roadmap(slug);
        const stageOf = new Map(snapshot.stages.flatMap((stage) => stage.skills.map((skill) => [skill.skillId, stage.position] as const)));

        expect(snapshot.prerequisites.length).toBeGreaterThan(0);
        expect(snapshot.prerequisites.filter(({ from, to }) => (stageOf.get(to) ?? 0) > (stageOf.get(from) ?? 0))).toEqual([]);
      },
    );

    it('when resources are attached, then every one is a free https link and the common skills have official docs', () => {
      const placements = roadmap('backend').stages.flatMap((stage) => stage.skills);
      const resources = placements.flatMap((skill) => skill.resources);
      const urlsOf = (skillId: string) => placements.find((skill) => skill.skillId === skillId)?.resources.map((resource) => resource.url);

      expect(resources.length).toBeGreaterThan(15);
      expect(resources.filter((resource) => !resource.free || !resource.url.startsWith('https://'))).toEqual([]);
      expect(urlsOf('skill:git')).toEqual(['https://git-scm.com/doc']);
      expect(urlsOf('skill:sql')).toEqual(['https://www.postgresql.org/docs/']);
    });
  });
});
