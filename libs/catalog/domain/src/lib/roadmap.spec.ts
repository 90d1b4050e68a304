import { Roadmap, skillIdFor, type RoadmapPublished, type RoadmapSnapshot, type RoadmapState } from '../index';
import { aPublishableDraft, aPublishedRoadmap, aRoadmapDraft, domainErrorFrom, T0 } from '../testing';

const HTTP = skillIdFor('http');
const GIT = skillIdFor('git');
const REST = skillIdFor('rest-api');
const SQL = skillIdFor('sql');
const LATER = new Date('2026-02-01T12:00:00.000Z');
const DOCS = { title: 'HTTP on MDN', url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP', type: 'docs' as const, free: true };

const stageIds = (roadmap: Roadmap) => roadmap.draft?.stages.map((stage) => stage.id);
const skillIdsIn = (roadmap: Roadmap, stageId: string) => roadmap.draft?.stages.find((stage) => stage.id === stageId)?.skills.map((skill) => skill.skillId);

describe('Roadmap', () => {
  describe('creating', () => {
    it('when created from valid details, then it is an empty draft at revision 1 with nothing published', () => {
      const roadmap = aRoadmapDraft({ slug: 'backend', tags: [' Go ', 'go', 'Postgres'] });

      expect(roadmap).toMatchObject({ id: 'roadmap:backend', slug: 'backend', status: 'draft', version: 0, revision: 1, published: undefined });
      expect(roadmap.draft).toEqual({ title: 'Backend basics', summary: 'A short path used in tests.', kind: 'role', tags: ['Go', 'Postgres'], stages: [], prerequisites: [] });
      expect(roadmap.pullEvents()).toEqual([]);
    });

    it.each([
      ['upper case', 'Backend'],
      ['spaces', 'back end'],
      ['a trailing hyphen', 'backend-'],
      ['a double hyphen', 'back--end'],
      ['65 characters', 'a'.repeat(65)],
    ])('when the slug has %s, then it is refused as an invalid slug', (_, slug) => {
      expect(domainErrorFrom(() => aRoadmapDraft({ slug }))).toMatchObject({ code: 'CATALOG.INVALID_SLUG', kind: 'invalid' });
    });

    it.each([
      ['an empty title', { title: '  ' }, 'title'],
      ['an unknown kind', { kind: 'team' as never }, 'kind'],
      ['an empty tag', { tags: ['Go', ''] }, 'tags[1]'],
    ])('when given %s, then the field is named in the error', (_, overrides, field) => {
      expect(domainErrorFrom(() => aRoadmapDraft(overrides))).toMatchObject({ code: 'CATALOG.INVALID_FIELD', kind: 'invalid', details: { field } });
    });
  });

  describe('editing stages', () => {
    it('when a stage is added, then it goes last and the revision moves on', () => {
      const roadmap = aPublishableDraft();
      const before = roadmap.revision;

      roadmap.addStage({ id: 'data', title: ' Databases ' }, before);

      expect(stageIds(roadmap)).toEqual(['foundations', 'apis', 'data']);
      expect(roadmap.draft?.stages[2]).toEqual({ id: 'data', title: 'Databases', summary: '', skills: [] });
      expect(roadmap.revision).toBe(before + 1);
    });

    it('when a stage id is already used, then it is refused as a conflict and nothing changes', () => {
      const roadmap = aPublishableDraft();
      const before = roadmap.toState();

      expect(domainErrorFrom(() => roadmap.addStage({ id: 'apis', title: 'More APIs' }, roadmap.revision))).toMatchObject({
        code: 'CATALOG.DUPLICATE_STAGE',
        kind: 'conflict',
        details: { stageId: 'apis' },
      });
      expect(roadmap.toState()).toEqual(before);
    });

    it('when a stage is renamed, then only its title and summary change', () => {
      const roadmap = aPublishableDraft();

      roadmap.updateStage('apis', { title: 'Building APIs' }, roadmap.revision);

      expect(roadmap.draft?.stages[1]).toMatchObject({ id: 'apis', title: 'Building APIs', summary: '', skills: [expect.objectContaining({ skillId: REST })] });
    });

    it('when a stage with skills is removed, then its skills and the prerequisites touching them go with it', () => {
      const roadmap = aPublishableDraft();

      roadmap.removeStage('foundations', roadmap.revision);

      expect(stageIds(roadmap)).toEqual(['apis']);
      expect(roadmap.draft?.prerequisites).toEqual([]);
    });

    it('when an unknown stage is removed, then it is reported as not found', () => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.removeStage('nowhere', roadmap.revision))).toMatchObject({ code: 'CATALOG.STAGE_NOT_FOUND', kind: 'not-found' });
    });

    it('when stages are reordered, then the published positions are contiguous in the new order', () => {
      const roadmap = aPublishableDraft();
      roadmap.addStage({ id: 'data', title: 'Databases' }, roadmap.revision);
      roadmap.addSkill('data', { skillId: SQL, priority: 'essential' }, roadmap.revision);

      roadmap.reorderStages(['data', 'foundations', 'apis'], roadmap.revision);
      roadmap.publish(T0, roadmap.revision);

      expect(roadmap.snapshot()?.stages.map(({ stageId, position }) => [stageId, position])).toEqual([
        ['data', 1],
        ['foundations', 2],
        ['apis', 3],
      ]);
    });

    it.each([
      ['an unknown id', ['foundations', 'apis', 'ghost'], { unknown: ['ghost'], missing: [], repeated: [] }],
      ['a missing id', ['apis'], { unknown: [], missing: ['foundations'], repeated: [] }],
      ['a repeated id', ['apis', 'foundations', 'apis'], { unknown: [], missing: [], repeated: ['apis'] }],
    ])('when a stage order has %s, then it is refused with what is wrong', (_, order, details) => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.reorderStages(order, roadmap.revision))).toMatchObject({ code: 'CATALOG.INVALID_ORDER', kind: 'conflict', details });
      expect(stageIds(roadmap)).toEqual(['foundations', 'apis']);
    });
  });

  describe('editing skills', () => {
    it('when a skill already in another stage is added, then it is refused naming the stage that has it', () => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.addSkill('apis', { skillId: HTTP, priority: 'optional' }, roadmap.revision))).toMatchObject({
        code: 'CATALOG.DUPLICATE_SKILL_IN_ROADMAP',
        kind: 'conflict',
        details: { skillId: HTTP, stageId: 'foundations' },
      });
      expect(skillIdsIn(roadmap, 'apis')).toEqual([REST]);
    });

    it('when a skill is added twice to the same stage, then the second add is refused', () => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.addSkill('foundations', { skillId: GIT, priority: 'essential' }, roadmap.revision))).toMatchObject({
        code: 'CATALOG.DUPLICATE_SKILL_IN_ROADMAP',
      });
      expect(skillIdsIn(roadmap, 'foundations')).toEqual([HTTP, GIT]);
    });

    it.each([
      ['an unknown stage', 'ghost', { skillId: SQL, priority: 'essential' as const }, 'CATALOG.STAGE_NOT_FOUND'],
      ['a malformed skill id', 'apis', { skillId: 'sql' as never, priority: 'essential' as const }, 'CATALOG.INVALID_SLUG'],
      ['an unknown priority', 'apis', { skillId: SQL, priority: 'must-have' as never }, 'CATALOG.INVALID_FIELD'],
    ])('when a skill is added with %s, then it is refused', (_, stageId, skill, code) => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.addSkill(stageId, skill, roadmap.revision))).toMatchObject({ code });
    });

    it('when skills in a stage are reordered, then the published positions are contiguous in the new order', () => {
      const roadmap = aPublishableDraft();
      roadmap.addSkill('foundations', { skillId: SQL, priority: 'optional' }, roadmap.revision);

      roadmap.reorderSkills('foundations', [SQL, GIT, HTTP], roadmap.revision);
      roadmap.publish(T0, roadmap.revision);

      expect(roadmap.snapshot()?.stages[0].skills.map(({ skillId, position }) => [skillId, position])).toEqual([
        [SQL, 1],
        [GIT, 2],
        [HTTP, 3],
      ]);
    });

    it('when a skill order names a skill of another stage, then it is refused and the order stays', () => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.reorderSkills('foundations', [GIT, REST], roadmap.revision))).toMatchObject({
        code: 'CATALOG.INVALID_ORDER',
        details: { unknown: [REST], missing: [HTTP], repeated: [] },
      });
      expect(skillIdsIn(roadmap, 'foundations')).toEqual([HTTP, GIT]);
    });

    it('when a skill is removed, then its prerequisites go with it', () => {
      const roadmap = aPublishableDraft();

      roadmap.removeSkill(HTTP, roadmap.revision);

      expect(skillIdsIn(roadmap, 'foundations')).toEqual([GIT]);
      expect(roadmap.draft?.prerequisites).toEqual([]);
    });

    it('when a skill not in the roadmap is removed, then it is reported as not found', () => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.removeSkill(SQL, roadmap.revision))).toMatchObject({ code: 'CATALOG.SKILL_NOT_IN_ROADMAP', kind: 'not-found' });
    });

    it('when a priority is changed, then only that placement changes', () => {
      const roadmap = aPublishableDraft();

      roadmap.setSkillPriority(GIT, 'optional', roadmap.revision);

      expect(roadmap.draft?.stages[0].skills.map((skill) => skill.priority)).toEqual(['essential', 'optional']);
    });
  });

  describe('prerequisites', () => {
    it('when two skills would require each other, then the cycle is refused with its path', () => {
      const roadmap = aPublishableDraft();
      const before = roadmap.toState();

      expect(domainErrorFrom(() => roadmap.setPrerequisites(HTTP, [REST], roadmap.revision))).toMatchObject({
        code: 'CATALOG.PREREQUISITE_CYCLE',
        kind: 'conflict',
        details: { cycle: [HTTP, REST, HTTP] },
      });
      expect(roadmap.toState()).toEqual(before);
    });

    it('when a cycle would close through several skills, then the whole path is reported from the edited skill', () => {
      const roadmap = aPublishableDraft();
      roadmap.setPrerequisites(GIT, [REST], roadmap.revision);

      expect(domainErrorFrom(() => roadmap.setPrerequisites(HTTP, [GIT], roadmap.revision))).toMatchObject({
        code: 'CATALOG.PREREQUISITE_CYCLE',
        details: { cycle: [HTTP, GIT, REST, HTTP] },
      });
    });

    it('when a skill would require itself, then the self-loop is refused', () => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.setPrerequisites(GIT, [HTTP, GIT], roadmap.revision))).toMatchObject({
        code: 'CATALOG.SELF_PREREQUISITE',
        kind: 'invalid',
        details: { skillId: GIT, cycle: [GIT, GIT] },
      });
    });

    it('when prerequisites are set again, then they replace the old ones, sorted and without repeats', () => {
      const roadmap = aPublishableDraft();

      roadmap.setPrerequisites(REST, [HTTP, GIT, HTTP], roadmap.revision);
      roadmap.setPrerequisites(GIT, [HTTP], roadmap.revision);

      expect(roadmap.draft?.prerequisites).toEqual([
        { from: GIT, to: HTTP },
        { from: REST, to: GIT },
        { from: REST, to: HTTP },
      ]);

      roadmap.setPrerequisites(REST, [], roadmap.revision);
      expect(roadmap.draft?.prerequisites).toEqual([{ from: GIT, to: HTTP }]);
    });
  });

  describe('resources', () => {
    it('when a resource is attached, then the placement keeps it with a normalized URL', () => {
      const roadmap = aPublishableDraft();

      roadmap.attachResource(HTTP, { ...DOCS, url: 'HTTPS://Developer.Mozilla.org/en-US/docs/Web/HTTP' }, roadmap.revision);

      expect(roadmap.draft?.stages[0].skills[0].resources).toEqual([DOCS]);
    });

    it('when a resource URL points inside the network, then it is refused and nothing changes', () => {
      const roadmap = aPublishableDraft();
      const before = roadmap.toState();

      expect(domainErrorFrom(() => roadmap.attachResource(HTTP, { ...DOCS, url: 'http://169.254.169.254/latest/meta-data/' }, roadmap.revision))).toMatchObject({
        code: 'CATALOG.INVALID_RESOURCE_URL',
        details: { reason: 'ip-address' },
      });
      expect(roadmap.toState()).toEqual(before);
    });

    it('when the same URL is attached twice to a skill, then the second is refused', () => {
      const roadmap = aPublishableDraft();
      roadmap.attachResource(HTTP, DOCS, roadmap.revision);

      expect(domainErrorFrom(() => roadmap.attachResource(HTTP, { ...DOCS, title: 'Again' }, roadmap.revision))).toMatchObject({
        code: 'CATALOG.DUPLICATE_RESOURCE',
        kind: 'conflict',
      });
    });

    it('when a resource is attached to a skill not in the roadmap, then it is refused', () => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.attachResource(SQL, DOCS, roadmap.revision))).toMatchObject({ code: 'CATALOG.SKILL_NOT_IN_ROADMAP' });
    });

    it('when a resource is detached, then it is gone; detaching it again is reported as not found', () => {
      const roadmap = aPublishableDraft();
      roadmap.attachResource(HTTP, DOCS, roadmap.revision);

      roadmap.detachResource(HTTP, DOCS.url, roadmap.revision);

      expect(roadmap.draft?.stages[0].skills[0].resources).toEqual([]);
      expect(domainErrorFrom(() => roadmap.detachResource(HTTP, DOCS.url, roadmap.revision))).toMatchObject({ code: 'CATALOG.RESOURCE_NOT_FOUND', kind: 'not-found' });
    });
  });

  describe('optimistic concurrency', () => {
    it.each<[string, (roadmap: Roadmap, revision: number) => void]>([
      ['updateDetails', (roadmap, revision) => roadmap.updateDetails({ title: 'Other' }, revision)],
      ['addStage', (roadmap, revision) => roadmap.addStage({ id: 'data', title: 'Data' }, revision)],
      ['reorderStages', (roadmap, revision) => roadmap.reorderStages(['apis', 'foundations'], revision)],
      ['addSkill', (roadmap, revision) => roadmap.addSkill('apis', { skillId: SQL, priority: 'optional' }, revision)],
      ['setPrerequisites', (roadmap, revision) => roadmap.setPrerequisites(GIT, [HTTP], revision)],
      ['attachResource', (roadmap, revision) => roadmap.attachResource(HTTP, DOCS, revision)],
      ['publish', (roadmap, revision) => roadmap.publish(T0, revision)],
    ])('when %s carries a revision someone else already moved past, then it is a conflict and nothing changes', (_, change) => {
      const roadmap = aPublishableDraft();
      const seen = roadmap.revision;
      roadmap.updateStage('apis', { summary: 'Edited by someone else.' }, seen);
      const before = roadmap.toState();

      expect(domainErrorFrom(() => change(roadmap, seen))).toMatchObject({
        code: 'CATALOG.STALE_REVISION',
        kind: 'conflict',
        details: { aggregateId: 'roadmap:backend-basics', expected: seen, actual: seen + 1 },
      });
      expect(roadmap.toState()).toEqual(before);
      expect(roadmap.pullEvents()).toEqual([]);
    });

    it('when retire carries a stale revision, then it is a conflict and the roadmap stays live', () => {
      const roadmap = aPublishedRoadmap();

      expect(domainErrorFrom(() => roadmap.retire(LATER, roadmap.revision - 1))).toMatchObject({ code: 'CATALOG.STALE_REVISION' });
      expect(roadmap.status).toBe('published');
    });
  });

  describe('publishing', () => {
    it('when a complete draft is published, then it becomes version 1 and RoadmapPublished carries the full snapshot', () => {
      const roadmap = aPublishableDraft({ slug: 'backend' });
      roadmap.attachResource(HTTP, DOCS, roadmap.revision);
      const revision = roadmap.revision;

      roadmap.publish(T0, revision);

      expect(roadmap).toMatchObject({ status: 'published', version: 1, revision: revision + 1, draft: undefined });
      const expectedSnapshot: RoadmapSnapshot = {
        roadmapId: 'roadmap:backend',
        slug: 'backend',
        version: 1,
        publishedAt: T0.toISOString(),
        title: 'Backend basics',
        summary: 'A short path used in tests.',
        kind: 'role',
        tags: ['Go'],
        stages: [
          {
            stageId: 'foundations',
            position: 1,
            title: 'Foundations',
            summary: 'How the web works.',
            skills: [
              { skillId: HTTP, position: 1, priority: 'essential', resources: [DOCS] },
              { skillId: GIT, position: 2, priority: 'recommended', resources: [] },
            ],
          },
          { stageId: 'apis', position: 2, title: 'APIs', summary: '', skills: [{ skillId: REST, position: 1, priority: 'essential', resources: [] }] },
        ],
        prerequisites: [{ from: REST, to: HTTP }],
      };
      expect(roadmap.pullEvents()).toEqual<RoadmapPublished[]>([
        { type: 'RoadmapPublished', aggregateId: 'roadmap:backend', aggregateVersion: revision + 1, occurredAt: T0.toISOString(), roadmap: expectedSnapshot },
      ]);
      expect(roadmap.snapshot()).toEqual(expectedSnapshot);
      expect(roadmap.pullEvents()).toEqual([]);
    });

    it('when the roadmap has no stages, then publishing is refused', () => {
      const roadmap = aRoadmapDraft();

      expect(domainErrorFrom(() => roadmap.publish(T0, roadmap.revision))).toMatchObject({ code: 'CATALOG.ROADMAP_HAS_NO_STAGES', kind: 'conflict' });
      expect(roadmap.status).toBe('draft');
      expect(roadmap.pullEvents()).toEqual([]);
    });

    it('when a stage has no skills, then publishing is refused naming the empty stages', () => {
      const roadmap = aPublishableDraft();
      roadmap.addStage({ id: 'data', title: 'Data' }, roadmap.revision);
      roadmap.addStage({ id: 'ops', title: 'Operations' }, roadmap.revision);

      expect(domainErrorFrom(() => roadmap.publish(T0, roadmap.revision))).toMatchObject({ code: 'CATALOG.EMPTY_STAGE', details: { stageIds: ['data', 'ops'] } });
      expect(roadmap.version).toBe(0);
    });

    it('when a prerequisite names a skill outside the roadmap, then the draft keeps it but publishing is refused', () => {
      const roadmap = aPublishableDraft();
      roadmap.setPrerequisites(REST, [HTTP, SQL], roadmap.revision);

      expect(domainErrorFrom(() => roadmap.publish(T0, roadmap.revision))).toMatchObject({
        code: 'CATALOG.PREREQUISITE_OUTSIDE_ROADMAP',
        kind: 'conflict',
        details: { edges: [{ from: REST, to: SQL }] },
      });

      roadmap.addStage({ id: 'data', title: 'Data' }, roadmap.revision);
      roadmap.addSkill('data', { skillId: SQL, priority: 'essential' }, roadmap.revision);
      roadmap.publish(T0, roadmap.revision);
      expect(roadmap.snapshot()?.prerequisites).toEqual([
        { from: REST, to: HTTP },
        { from: REST, to: SQL },
      ]);
    });

    it('when stored state holds a cycle, then publishing still refuses it', () => {
      const state = aPublishableDraft().toState();
      const draft = state.draft && { ...state.draft, prerequisites: [...state.draft.prerequisites, { from: HTTP, to: REST }] };
      const roadmap = Roadmap.restore({ ...state, draft });

      expect(domainErrorFrom(() => roadmap.publish(T0, roadmap.revision))).toMatchObject({ code: 'CATALOG.PREREQUISITE_CYCLE' });
    });

    it('when a published roadmap is published again without edits, then there is no draft to publish', () => {
      const roadmap = aPublishedRoadmap();

      expect(domainErrorFrom(() => roadmap.publish(LATER, roadmap.revision))).toMatchObject({ code: 'CATALOG.ROADMAP_NOT_DRAFT', kind: 'conflict' });
      expect(roadmap.version).toBe(1);
      expect(roadmap.pullEvents()).toEqual([]);
    });

    it('when a published roadmap is edited, then a draft opens and learners keep seeing version 1 until the next publish', () => {
      const roadmap = aPublishedRoadmap();
      const live = roadmap.published;

      roadmap.addStage({ id: 'data', title: 'Data' }, roadmap.revision);
      roadmap.addSkill('data', { skillId: SQL, priority: 'essential' }, roadmap.revision);

      expect(roadmap).toMatchObject({ status: 'published', version: 1 });
      expect(roadmap.published).toBe(live);
      expect(roadmap.snapshot()?.stages.map((stage) => stage.stageId)).toEqual(['foundations', 'apis']);

      roadmap.publish(LATER, roadmap.revision);

      const [event] = roadmap.pullEvents();
      expect(event).toMatchObject({ type: 'RoadmapPublished', roadmap: { version: 2, publishedAt: LATER.toISOString() } });
      expect(event.type === 'RoadmapPublished' && event.roadmap.stages.map((stage) => stage.stageId)).toEqual(['foundations', 'apis', 'data']);
      expect(live?.stages).toHaveLength(2);
    });

    it('when an edit is undone before publishing, then the unchanged draft is refused', () => {
      const roadmap = aPublishedRoadmap();
      roadmap.setSkillPriority(GIT, 'optional', roadmap.revision);
      roadmap.setSkillPriority(GIT, 'recommended', roadmap.revision);

      expect(domainErrorFrom(() => roadmap.publish(LATER, roadmap.revision))).toMatchObject({ code: 'CATALOG.DRAFT_UNCHANGED', details: { version: 1 } });
    });

    it('when state comes back from storage with keys in another order, then an unchanged draft is still recognised', () => {
      const published = aPublishedRoadmap();
      published.updateDetails({ title: 'Backend basics' }, published.revision);
      const reversedKeys = (value: unknown): unknown =>
        Array.isArray(value) ? value.map(reversedKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) : value;
      const roadmap = Roadmap.restore({ ...published.toState(), published: reversedKeys(published.published) as RoadmapState['published'] });

      expect(domainErrorFrom(() => roadmap.publish(LATER, roadmap.revision))).toMatchObject({ code: 'CATALOG.DRAFT_UNCHANGED' });
    });
  });

  describe('retiring', () => {
    it('when a published roadmap is retired, then RoadmapRetired is recorded and an open draft is dropped', () => {
      const roadmap = aPublishedRoadmap();
      roadmap.updateDetails({ title: 'Half-finished' }, roadmap.revision);
      const revision = roadmap.revision;

      roadmap.retire(LATER, revision);

      expect(roadmap).toMatchObject({ status: 'retired', version: 1, revision: revision + 1, draft: undefined });
      expect(roadmap.pullEvents()).toEqual([
        { type: 'RoadmapRetired', aggregateId: 'roadmap:backend-basics', aggregateVersion: revision + 1, occurredAt: LATER.toISOString(), slug: 'backend-basics', version: 1 },
      ]);
    });

    it('when a retired roadmap is published, edited or retired again, then each is refused', () => {
      const roadmap = aPublishedRoadmap();
      roadmap.retire(LATER, roadmap.revision);

      for (const change of [
        () => roadmap.publish(LATER, roadmap.revision),
        () => roadmap.addStage({ id: 'data', title: 'Data' }, roadmap.revision),
        () => roadmap.retire(LATER, roadmap.revision),
      ]) {
        expect(domainErrorFrom(change)).toMatchObject({ code: 'CATALOG.ROADMAP_RETIRED', kind: 'conflict' });
      }
      expect(roadmap.pullEvents()).toEqual([expect.objectContaining({ type: 'RoadmapRetired' })]);
    });

    it('when a roadmap that was never published is retired, then it is refused', () => {
      const roadmap = aPublishableDraft();

      expect(domainErrorFrom(() => roadmap.retire(LATER, roadmap.revision))).toMatchObject({ code: 'CATALOG.ROADMAP_NOT_PUBLISHED', kind: 'conflict' });
    });
  });

  describe('restoring', () => {
    it('when state is stored as JSON and restored, then the roadmap carries on where it was', () => {
      const original = aPublishedRoadmap();
      original.addStage({ id: 'data', title: 'Data' }, original.revision);

      const restored = Roadmap.restore(JSON.parse(JSON.stringify(original.toState())));
      restored.addSkill('data', { skillId: SQL, priority: 'essential' }, original.revision);
      restored.publish(LATER, restored.revision);

      expect(restored).toMatchObject({ id: original.id, version: 2, revision: original.revision + 2 });
    });
  });
});
