import { DomainError } from '@pathwise/shared/domain';
import { recommendNext } from './recommend-next';
import { errorThrownBy, learnerSkills, roadmapGraph } from './testing';

const ids = (items: readonly { skillId: string }[]) => items.map((item) => item.skillId);

describe('recommendNext', () => {
  describe('which skills are ready', () => {
    it('when the learner is new, then exactly the skills without prerequisites are ready', () => {
      const roadmap = roadmapGraph({ stages: [['fundamentals', ['http', 'git']], ['apis', ['rest', 'graphql']]], requires: { rest: ['http'], graphql: ['rest'] } });

      const { ready } = recommendNext(roadmap, learnerSkills());

      expect(ids(ready)).toEqual(['http', 'git']);
      expect(ready.map((item) => item.reasons[0])).toEqual([
        { code: 'NO_PREREQUISITES', values: {} },
        { code: 'NO_PREREQUISITES', values: {} },
      ]);
    });

    it('when every prerequisite is completed or known, then the skill is ready and PREREQUISITES_MET counts them', () => {
      const roadmap = roadmapGraph({ stages: [['fundamentals', ['http', 'linux']], ['delivery', ['docker']]], requires: { docker: ['http', 'linux'] } });

      const { ready } = recommendNext(roadmap, learnerSkills({ http: 'completed', linux: 'known' }));

      expect(ids(ready)).toEqual(['docker']);
      expect(ready[0].reasons).toContainEqual({ code: 'PREREQUISITES_MET', values: { done: 2, total: 2 } });
    });

    it('when a prerequisite is only skipped or in progress, then the skill is not ready', () => {
      const roadmap = roadmapGraph({ stages: [['fundamentals', ['http', 'linux']], ['delivery', ['docker']]], requires: { docker: ['http', 'linux'] } });

      const { ready, waiting } = recommendNext(roadmap, learnerSkills({ http: 'skipped', linux: 'in-progress' }), { includeWaiting: true });

      expect(ids(ready)).toEqual(['linux']);
      expect(waiting).toEqual([
        { skillId: 'docker', name: 'Docker', stageId: 'delivery', stageTitle: 'Delivery', priority: 'essential', status: 'pending', waitingFor: ['http', 'linux'] },
      ]);
    });

    it('when a skill is completed, known or skipped, then it is neither ready nor waiting', () => {
      const roadmap = roadmapGraph({ stages: [['fundamentals', ['http', 'linux', 'git', 'sql']]], requires: { git: ['sql'] } });

      const result = recommendNext(roadmap, learnerSkills({ http: 'completed', linux: 'known', git: 'skipped' }), { includeWaiting: true });

      expect(ids(result.ready)).toEqual(['sql']);
      expect(result.waiting).toEqual([]);
    });

    it('when a prerequisite belongs to another roadmap and the learner completed it there, then the skill is ready', () => {
      const roadmap = roadmapGraph({ stages: [['ai', ['rag']]], requires: { rag: ['llm-services'] } });

      const { ready } = recommendNext(roadmap, learnerSkills({ 'llm-services': 'completed' }));

      expect(ids(ready)).toEqual(['rag']);
      expect(ready[0].reasons).toContainEqual({ code: 'PREREQUISITES_MET', values: { done: 1, total: 1 } });
    });

    it('when a prerequisite belongs to another roadmap and the learner has not done it, then the skill waits for it', () => {
      const roadmap = roadmapGraph({ stages: [['ai', ['rag', 'prompting']]], requires: { rag: ['llm-services', 'prompting'] } });

      const { ready, waiting } = recommendNext(roadmap, learnerSkills({ prompting: 'completed', 'llm-services': 'skipped' }), { includeWaiting: true });

      expect(ready).toEqual([]);
      expect(waiting.map((item) => [item.skillId, item.waitingFor])).toEqual([['rag', ['llm-services']]]);
    });

    it('when the same edge is listed twice, then the prerequisite counts once', () => {
      const roadmap = roadmapGraph({ stages: [['fundamentals', ['http']], ['apis', ['rest']]], requires: { rest: ['http', 'http'] } });

      const { ready } = recommendNext(roadmap, learnerSkills({ http: 'completed' }));

      expect(ready[0].reasons).toContainEqual({ code: 'PREREQUISITES_MET', values: { done: 1, total: 1 } });
      expect(recommendNext(roadmap, learnerSkills()).ready[0].unlocks).toEqual({ direct: 1, total: 1 });
    });

    it('when prerequisites form a cycle, then the skills on it wait and the rest are still recommended', () => {
      const roadmap = roadmapGraph({ stages: [['loop', ['a', 'b', 'c']]], requires: { a: ['b'], b: ['a'] } });

      const { ready, waiting } = recommendNext(roadmap, learnerSkills(), { includeWaiting: true });

      expect(ids(ready)).toEqual(['c']);
      expect(waiting.map((item) => [item.skillId, item.waitingFor])).toEqual([
        ['a', ['b']],
        ['b', ['a']],
      ]);
    });
  });

  describe('ranking', () => {
    it('when a skill is in progress, then it comes first even before an essential skill of an earlier stage', () => {
      const roadmap = roadmapGraph({ stages: [['fundamentals', ['http']], ['extras', ['graphql']]], priorities: { graphql: 'optional' } });

      const { ready } = recommendNext(roadmap, learnerSkills({ graphql: 'in-progress' }));

      expect(ready.map((item) => [item.skillId, item.status, item.rank])).toEqual([
        ['graphql', 'in-progress', 1],
        ['http', 'pending', 2],
      ]);
      expect(ready[0].reasons[0]).toEqual({ code: 'IN_PROGRESS', values: {} });
    });

    it('when status ties, then essential comes before recommended before optional, whatever the stage', () => {
      const roadmap = roadmapGraph({
        stages: [['first', ['nice', 'useful']], ['second', ['core']]],
        priorities: { nice: 'optional', useful: 'recommended', core: 'essential' },
      });

      expect(ids(recommendNext(roadmap, learnerSkills()).ready)).toEqual(['core', 'useful', 'nice']);
    });

    it('when priority ties, then the earlier stage position wins, whatever the order of the stages array', () => {
      const ordered = roadmapGraph({ stages: [['first', ['x']], ['second', ['a']]] });
      const roadmap = { ...ordered, stages: [...ordered.stages].reverse() };

      expect(ids(recommendNext(roadmap, learnerSkills()).ready)).toEqual(['x', 'a']);
    });

    it('when priority and stage tie, then the skill that unlocks more skills transitively wins and both counts are reported', () => {
      const roadmap = roadmapGraph({
        stages: [['first', ['wide', 'deep']], ['later', ['w1', 'w2', 'd1', 'd2', 'd3']]],
        requires: { w1: ['wide'], w2: ['wide'], d1: ['deep'], d2: ['d1'], d3: ['d2'] },
      });

      const { ready } = recommendNext(roadmap, learnerSkills());

      expect(ready.map((item) => [item.skillId, item.unlocks])).toEqual([
        ['deep', { direct: 1, total: 3 }],
        ['wide', { direct: 2, total: 2 }],
      ]);
      expect(ready[0].reasons).toContainEqual({ code: 'UNLOCKS', values: { direct: 1, total: 3 } });
    });

    it('when unlocks tie, then the higher market score wins: importance and demand add, automation risk subtracts', () => {
      const roadmap = roadmapGraph({
        stages: [['first', ['risky', 'plain', 'wanted']]],
        signals: {
          risky: { importance: { level: 'high' }, marketDemand: { level: 'high' }, automationRisk: { level: 'high' } },
          wanted: { importance: { level: 'medium' }, marketDemand: { level: 'high' }, automationRisk: { level: 'low' } },
          plain: { marketDemand: { level: 'medium' } },
        },
      });

      // wanted 1 + 2 − 0 = 3, risky 2 + 2 − 2 = 2, plain 0 + 1 = 1
      expect(ids(recommendNext(roadmap, learnerSkills()).ready)).toEqual(['wanted', 'risky', 'plain']);
    });

    it('when everything else ties, then the position in the stage and then the skill id decide', () => {
      const base = roadmapGraph({ stages: [['first', ['b', 'a', 'c']]] });
      const roadmap = {
        ...base,
        stages: [{ ...base.stages[0], skills: base.stages[0].skills.map((skill) => ({ ...skill, position: skill.skillId === 'c' ? 1 : 2 })) }],
      };

      expect(ids(recommendNext(roadmap, learnerSkills()).ready)).toEqual(['c', 'a', 'b']);
    });

    it('when limit is given, then ready is cut after ranking', () => {
      const roadmap = roadmapGraph({ stages: [['first', ['a', 'b', 'c']]], priorities: { a: 'optional' } });

      expect(ids(recommendNext(roadmap, learnerSkills({ c: 'in-progress' }), { limit: 2 }).ready)).toEqual(['c', 'b']);
      expect(recommendNext(roadmap, learnerSkills(), { limit: 0 }).ready).toEqual([]);
    });

    it.each([-1, 1.5, Number.NaN])('when limit is %p, then the request is rejected as invalid', (limit) => {
      const roadmap = roadmapGraph({ stages: [['first', ['a']]] });

      const error = errorThrownBy(() => recommendNext(roadmap, learnerSkills(), { limit }));

      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'RECOMMENDATION.INVALID_LIMIT', kind: 'invalid' });
    });
  });

  describe('what each recommendation says', () => {
    it('when a ready skill has prerequisites, priority, dependents and signals, then every reason and the sentence say so', () => {
      const roadmap = roadmapGraph({
        stages: [['fundamentals', ['http', 'git']], ['apis', ['rest']], ['async', ['queues', 'outbox', 'saga', 'events']]],
        requires: { rest: ['http', 'git'], queues: ['rest'], outbox: ['rest'], saga: ['queues'], events: ['queues'] },
        signals: { rest: { marketDemand: { level: 'high', source: 'Stack Overflow survey', asOf: '2025-01-01' } } },
      });

      const [rest] = recommendNext(roadmap, learnerSkills({ http: 'completed', git: 'known' })).ready;

      expect(rest).toEqual({
        skillId: 'rest',
        name: 'Rest',
        stageId: 'apis',
        stageTitle: 'Apis',
        priority: 'essential',
        status: 'pending',
        rank: 1,
        unlocks: { direct: 2, total: 4 },
        reasons: [
          { code: 'PREREQUISITES_MET', values: { done: 2, total: 2 } },
          { code: 'PRIORITY', values: { priority: 'essential', roadmapTitle: 'Backend Engineer' } },
          { code: 'STAGE', values: { stageTitle: 'Apis', position: 2 } },
          { code: 'UNLOCKS', values: { direct: 2, total: 4 } },
          { code: 'MARKET_DEMAND', values: { level: 'high', source: 'Stack Overflow survey', asOf: '2025-01-01' } },
        ],
        explanation:
          'All 2 prerequisites done; essential in Backend Engineer; stage 2: Apis; unlocks 2 skills directly, 4 in all; market demand high (Stack Overflow survey, 2025-01-01).',
      });
    });

    it('when a started skill has no prerequisites, no dependents and no signals, then those parts are left out', () => {
      const roadmap = roadmapGraph({ stages: [['extras', ['graphql']]], priorities: { graphql: 'recommended' }, title: 'Frontend Developer' });

      const [graphql] = recommendNext(roadmap, learnerSkills({ graphql: 'in-progress' })).ready;

      expect(graphql.reasons.map((reason) => reason.code)).toEqual(['IN_PROGRESS', 'NO_PREREQUISITES', 'PRIORITY', 'STAGE']);
      expect(graphql.explanation).toBe('Already in progress; no prerequisites; recommended in Frontend Developer; stage 1: Extras.');
    });

    it('when every signal is present, then importance, market demand and automation risk are reasons in that order', () => {
      const roadmap = roadmapGraph({
        stages: [['first', ['git']]],
        signals: { git: { automationRisk: { level: 'low', source: 'S', asOf: '2026-11-21' }, importance: { level: 'high' }, marketDemand: { level: 'medium', source: 'S' } } },
      });

      const [git] = recommendNext(roadmap, learnerSkills()).ready;

      expect(git.reasons.slice(-3)).toEqual([
        { code: 'IMPORTANCE', values: { level: 'high' } },
        { code: 'MARKET_DEMAND', values: { level: 'medium', source: 'S' } },
        { code: 'AUTOMATION_RISK', values: { level: 'low', source: 'S', asOf: '2026-11-21' } },
      ]);
      expect(git.explanation).toBe('No prerequisites; essential in Backend Engineer; stage 1: First; importance high; market demand medium (S); automation risk low (S, 2026-11-21).');
    });

    it('when a caller tries to change a returned reason, then the next answer is unaffected', () => {
      const roadmap = roadmapGraph({ stages: [['first', ['git']]] });
      const [first] = recommendNext(roadmap, learnerSkills()).ready;

      expect(() => ((first.reasons[1].values as Record<string, unknown>).roadmapTitle = 'changed')).toThrow(TypeError);
      expect(recommendNext(roadmap, learnerSkills()).ready[0].explanation).toContain('Backend Engineer');
    });
  });

  describe('waiting skills', () => {
    it('when includeWaiting is set, then waiting skills are ordered by stage position, position and id, in progress ones included', () => {
      const roadmap = roadmapGraph({
        stages: [['first', ['base']], ['second', ['late-b', 'late-a']], ['third', ['last']]],
        requires: { 'late-a': ['base'], 'late-b': ['base', 'other'], last: ['late-a'] },
      });

      const { waiting } = recommendNext(roadmap, learnerSkills({ 'late-b': 'in-progress' }), { includeWaiting: true });

      expect(waiting.map((item) => [item.skillId, item.status, item.waitingFor])).toEqual([
        ['late-b', 'in-progress', ['base', 'other']],
        ['late-a', 'pending', ['base']],
        ['last', 'pending', ['late-a']],
      ]);
    });

    it('when includeWaiting is not set, then waiting is empty', () => {
      const roadmap = roadmapGraph({ stages: [['first', ['a', 'b']]], requires: { b: ['a'] } });

      expect(recommendNext(roadmap, learnerSkills()).waiting).toEqual([]);
    });
  });

  describe('invalid graphs', () => {
    it.each([
      ['a skill placed in two stages', { stages: [['first', ['a']], ['second', ['a']]] as const }],
      ['two stages with one id', { stages: [['first', ['a']], ['first', ['b']]] as const }],
    ])('when the graph has %s, then it is rejected as invalid', (_, spec) => {
      const error = errorThrownBy(() => recommendNext(roadmapGraph(spec), learnerSkills()));

      expect(error).toMatchObject({ code: 'RECOMMENDATION.INVALID_ROADMAP_GRAPH', kind: 'invalid' });
    });

    it('when a placed skill has no description, or one skill two, then the graph is rejected as invalid', () => {
      const roadmap = roadmapGraph({ stages: [['first', ['a', 'b']]] });

      expect(errorThrownBy(() => recommendNext({ ...roadmap, skills: roadmap.skills.slice(1) }, learnerSkills()))).toMatchObject({
        code: 'RECOMMENDATION.INVALID_ROADMAP_GRAPH',
        details: { skillId: 'a' },
      });
      expect(errorThrownBy(() => recommendNext({ ...roadmap, skills: [...roadmap.skills, roadmap.skills[1]] }, learnerSkills()))).toMatchObject({
        code: 'RECOMMENDATION.INVALID_ROADMAP_GRAPH',
        details: { skillId: 'b' },
      });
    });
  });
});
