import { DomainError } from '@pathwise/shared/domain';
import { pathToGoal } from './path-to-goal';
import { GoalUnreachableError, UnknownGoalSkillError } from './recommender.errors';
import { errorThrownBy, learnerSkills, roadmapGraph } from './testing';

const stepIds = (path: ReturnType<typeof pathToGoal>) => path.steps.map((step) => step.skillId);

describe('pathToGoal', () => {
  it('when the goal needs a chain of missing skills, then each comes after its prerequisites and the goal is last', () => {
    const roadmap = roadmapGraph({
      stages: [['fundamentals', ['linux', 'http']], ['delivery', ['docker', 'kubernetes']]],
      requires: { docker: ['linux'], kubernetes: ['docker', 'http'] },
    });

    const path = pathToGoal(roadmap, learnerSkills({ http: 'completed' }), 'kubernetes');

    expect(path.alreadyAchieved).toBe(false);
    expect(path.goalSkillId).toBe('kubernetes');
    expect(path.steps.map((step) => [step.skillId, step.rank])).toEqual([
      ['linux', 1],
      ['docker', 2],
      ['kubernetes', 3],
    ]);
    expect(path.steps[0].explanation).toBe('Needed for Kubernetes; no prerequisites; essential in Backend Engineer; stage 1: Fundamentals; unlocks 1 skill directly, 2 in all.');
    expect(path.steps[2].reasons.slice(0, 2)).toEqual([
      { code: 'GOAL', values: {} },
      { code: 'PREREQUISITES_EARLIER_IN_PATH', values: { done: 1, total: 2, earlier: 1 } },
    ]);
    expect(path.steps[2].explanation).toBe('The goal itself; 1 of 2 prerequisites done, 1 earlier in this path; essential in Backend Engineer; stage 2: Delivery.');
  });

  it('when the goal is completed or known, then the path is empty and marked achieved', () => {
    const roadmap = roadmapGraph({ stages: [['first', ['a', 'goal']]], requires: { goal: ['a'] } });

    expect(pathToGoal(roadmap, learnerSkills({ goal: 'completed' }), 'goal')).toEqual({ goalSkillId: 'goal', alreadyAchieved: true, steps: [] });
    expect(pathToGoal(roadmap, learnerSkills({ goal: 'known' }), 'goal')).toEqual({ goalSkillId: 'goal', alreadyAchieved: true, steps: [] });
  });

  it('when the goal is ready now, then the path is the goal alone', () => {
    const roadmap = roadmapGraph({ stages: [['first', ['a', 'goal']]], requires: { goal: ['a'] } });

    const path = pathToGoal(roadmap, learnerSkills({ a: 'known', goal: 'in-progress' }), 'goal');

    expect(stepIds(path)).toEqual(['goal']);
    expect(path.steps[0].reasons.slice(0, 3)).toEqual([
      { code: 'GOAL', values: {} },
      { code: 'IN_PROGRESS', values: {} },
      { code: 'PREREQUISITES_MET', values: { done: 1, total: 1 } },
    ]);
  });

  it('when a prerequisite is known, then the walk stops there and its own missing prerequisites are not needed', () => {
    const roadmap = roadmapGraph({ stages: [['first', ['basics', 'middle', 'goal']]], requires: { middle: ['basics'], goal: ['middle'] } });

    expect(stepIds(pathToGoal(roadmap, learnerSkills({ middle: 'known' }), 'goal'))).toEqual(['goal']);
  });

  it('when a prerequisite was skipped, then it is on the path and says it was skipped', () => {
    const roadmap = roadmapGraph({ stages: [['first', ['basics', 'goal']]], requires: { goal: ['basics'] } });

    const path = pathToGoal(roadmap, learnerSkills({ basics: 'skipped' }), 'goal');

    expect(path.steps.map((step) => [step.skillId, step.status])).toEqual([
      ['basics', 'skipped'],
      ['goal', 'pending'],
    ]);
    expect(path.steps[0].explanation).toMatch(/^Needed for Goal; skipped before; no prerequisites;/);
  });

  it('when several skills are free at once, then recommendNext’s ranking orders them: in progress, priority, stage', () => {
    const roadmap = roadmapGraph({
      stages: [['first', ['nice', 'core']], ['second', ['later', 'started']], ['third', ['goal']]],
      priorities: { nice: 'optional', started: 'optional' },
      requires: { goal: ['nice', 'core', 'later', 'started'] },
    });

    expect(stepIds(pathToGoal(roadmap, learnerSkills({ started: 'in-progress' }), 'goal'))).toEqual(['started', 'core', 'later', 'nice', 'goal']);
  });

  it('when a skill unlocks the next free one, then the path takes it as soon as it is free, ranking among what is free', () => {
    const roadmap = roadmapGraph({
      stages: [['first', ['a', 'b']], ['second', ['c']], ['third', ['goal']]],
      priorities: { b: 'optional' },
      requires: { c: ['a'], goal: ['b', 'c'] },
    });

    // After a, c (essential) outranks b (optional) even though b is in an earlier stage.
    expect(stepIds(pathToGoal(roadmap, learnerSkills(), 'goal'))).toEqual(['a', 'c', 'b', 'goal']);
  });

  it('when the goal is not a skill of the roadmap, then it is not found', () => {
    const roadmap = roadmapGraph({ stages: [['first', ['a']]] });

    const error = errorThrownBy(() => pathToGoal(roadmap, learnerSkills(), 'kubernetes'));

    expect(error).toBeInstanceOf(UnknownGoalSkillError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'RECOMMENDATION.UNKNOWN_SKILL', kind: 'not-found', details: { goalSkillId: 'kubernetes', roadmapId: 'roadmap:backend' } });
  });

  it('when the goal needs a prerequisite the roadmap does not teach and the learner has not done, then it is unreachable, naming it', () => {
    const roadmap = roadmapGraph({ stages: [['ai', ['rag', 'embeddings']]], requires: { rag: ['embeddings', 'llm-services'], embeddings: ['vectors'] } });

    const error = errorThrownBy(() => pathToGoal(roadmap, learnerSkills({ 'llm-services': 'skipped' }), 'rag'));

    expect(error).toBeInstanceOf(GoalUnreachableError);
    expect(error).toMatchObject({
      code: 'RECOMMENDATION.GOAL_UNREACHABLE',
      kind: 'invalid',
      details: { goalSkillId: 'rag', reason: 'untaught-prerequisite', blockingSkillIds: ['llm-services', 'vectors'] },
    });
  });

  it('when the prerequisite from another roadmap is completed, then the goal is reachable', () => {
    const roadmap = roadmapGraph({ stages: [['ai', ['rag']]], requires: { rag: ['llm-services'] } });

    const path = pathToGoal(roadmap, learnerSkills({ 'llm-services': 'completed' }), 'rag');

    expect(stepIds(path)).toEqual(['rag']);
    expect(path.steps[0].reasons).toContainEqual({ code: 'PREREQUISITES_MET', values: { done: 1, total: 1 } });
  });

  it('when the prerequisites on the way form a cycle, then the goal is unreachable, naming the cycle and not what merely waits on it', () => {
    const roadmap = roadmapGraph({
      stages: [['first', ['a', 'b', 'c', 'd', 'goal']]],
      requires: { goal: ['c', 'd'], c: ['a'], a: ['b'], b: ['a'] },
    });

    const error = errorThrownBy(() => pathToGoal(roadmap, learnerSkills(), 'goal'));

    expect(error).toMatchObject({ code: 'RECOMMENDATION.GOAL_UNREACHABLE', details: { goalSkillId: 'goal', reason: 'prerequisite-cycle', blockingSkillIds: ['a', 'b'] } });
  });

  it('when a cycle is broken by a known skill, then the goal is reachable', () => {
    const roadmap = roadmapGraph({ stages: [['first', ['a', 'b', 'goal']]], requires: { goal: ['a'], a: ['b'], b: ['a'] } });

    expect(stepIds(pathToGoal(roadmap, learnerSkills({ b: 'known' }), 'goal'))).toEqual(['a', 'goal']);
  });
});
