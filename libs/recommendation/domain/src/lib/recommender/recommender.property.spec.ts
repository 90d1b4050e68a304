import { explain } from './reasons';
import { pathToGoal, type GoalPath } from './path-to-goal';
import { recommendNext } from './recommend-next';
import type { Recommendation } from './recommendation';
import { GoalUnreachableError } from './recommender.errors';
import type { RoadmapGraph, SignalLevel, SkillSignals } from './roadmap-graph';
import type { LearnerSkills } from './skill-status';
import { randomLearner, randomRoadmap, seededRandom, shuffledRoadmap } from './testing';

const CASES = 400;
const POINTS: Record<SignalLevel, number> = { low: 0, medium: 1, high: 2 };
const PRIORITY = { essential: 0, recommended: 1, optional: 2 };

/** Everything about a graph recomputed the slow, obvious way, independently of the compiled indexes. */
function bruteForce(roadmap: RoadmapGraph, learner: LearnerSkills) {
  const status = (id: string) => learner.get(id) ?? 'pending';
  const done = (id: string) => ['completed', 'known'].includes(status(id));
  const placed = new Map(roadmap.stages.flatMap((stage) => stage.skills.map((skill) => [skill.skillId, { stage, skill }] as const)));
  const requires = (id: string) => [...new Set(roadmap.prerequisites.filter((edge) => edge.skillId === id).map((edge) => edge.requiresSkillId))].sort();
  const ids = [...placed.keys()];
  // needs[x][y]: y requires x, directly or through skills of the roadmap (Warshall).
  const needs = new Map(ids.map((x) => [x, new Map(ids.map((y) => [y, requires(y).includes(x)]))]));
  for (const k of ids) for (const x of ids) for (const y of ids) if (needs.get(x)?.get(k) && needs.get(k)?.get(y)) needs.get(x)?.set(y, true);
  const unlocks = (x: string) => ({
    direct: ids.filter((y) => requires(y).includes(x)).length,
    total: ids.filter((y) => y !== x && needs.get(x)?.get(y)).length,
  });
  const market = (signals: SkillSignals = {}) =>
    (signals.importance ? POINTS[signals.importance.level] : 0) + (signals.marketDemand ? POINTS[signals.marketDemand.level] : 0) - (signals.automationRisk ? POINTS[signals.automationRisk.level] : 0);
  const open = (id: string) => ['pending', 'in-progress'].includes(status(id));
  const eligible = ids.filter((id) => open(id) && requires(id).every(done));
  const key = (id: string): (number | string)[] => {
    const { stage, skill } = placed.get(id) as NonNullable<ReturnType<typeof placed.get>>;
    const signals = roadmap.skills.find((entry) => entry.skillId === id)?.signals;
    return [status(id) === 'in-progress' ? 0 : 1, PRIORITY[skill.priority], stage.position, -unlocks(id).total, -market(signals), skill.position, id];
  };
  return { status, done, placed, requires, unlocks, eligible, key, open, ids, needs: (x: string, y: string) => needs.get(x)?.get(y) === true };
}

function before(a: (number | string)[], b: (number | string)[]): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

function assertReasonsTrue(item: Recommendation, roadmap: RoadmapGraph, brute: ReturnType<typeof bruteForce>) {
  const { stage, skill } = brute.placed.get(item.skillId) as NonNullable<ReturnType<typeof brute.placed.get>>;
  const signals = roadmap.skills.find((entry) => entry.skillId === item.skillId)?.signals ?? {};
  const required = brute.requires(item.skillId);
  expect(item).toMatchObject({ stageId: stage.stageId, stageTitle: stage.title, priority: skill.priority, unlocks: brute.unlocks(item.skillId) });
  for (const { code, values } of item.reasons) {
    switch (code) {
      case 'IN_PROGRESS':
        expect(brute.status(item.skillId)).toBe('in-progress');
        break;
      case 'SKIPPED':
        expect(brute.status(item.skillId)).toBe('skipped');
        break;
      case 'NO_PREREQUISITES':
        expect(required).toEqual([]);
        break;
      case 'PREREQUISITES_MET':
        expect(values).toEqual({ done: required.length, total: required.length });
        expect(required.every(brute.done)).toBe(true);
        break;
      case 'PREREQUISITES_EARLIER_IN_PATH':
        expect(values).toEqual({ done: required.filter(brute.done).length, total: required.length, earlier: required.filter((id) => !brute.done(id)).length });
        break;
      case 'PRIORITY':
        expect(values).toEqual({ priority: skill.priority, roadmapTitle: roadmap.title });
        break;
      case 'STAGE':
        expect(values).toEqual({ stageTitle: stage.title, position: stage.position });
        break;
      case 'UNLOCKS':
        expect(values).toEqual(brute.unlocks(item.skillId));
        break;
      case 'IMPORTANCE':
        expect(values).toEqual(signals.importance);
        break;
      case 'MARKET_DEMAND':
        expect(values).toEqual(signals.marketDemand);
        break;
      case 'AUTOMATION_RISK':
        expect(values).toEqual(signals.automationRisk);
        break;
      case 'GOAL':
      case 'LEADS_TO_GOAL':
        break;
    }
  }
  expect(item.reasons.some((reason) => reason.code === 'IN_PROGRESS')).toBe(brute.status(item.skillId) === 'in-progress');
  expect(item.reasons.some((reason) => reason.code === 'UNLOCKS')).toBe(brute.unlocks(item.skillId).total > 0);
  expect(item.explanation).toBe(explain(item.reasons));
}

/** The goal plus every not-done prerequisite reached through not-done skills, to a fixpoint. */
function neededFor(goal: string, brute: ReturnType<typeof bruteForce>): Set<string> {
  const needed = new Set([goal]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of [...needed]) {
      for (const required of brute.placed.has(id) ? brute.requires(id) : []) {
        if (!brute.done(required) && !needed.has(required)) {
          needed.add(required);
          grew = true;
        }
      }
    }
  }
  return needed;
}

function hasCycle(skills: ReadonlySet<string>, brute: ReturnType<typeof bruteForce>): boolean {
  const left = new Set(skills);
  for (let removed = true; removed; ) {
    removed = false;
    for (const id of left) {
      if (!brute.requires(id).some((required) => left.has(required))) {
        left.delete(id);
        removed = true;
      }
    }
  }
  return left.size > 0;
}

function outcome(call: () => GoalPath): GoalPath | { error: unknown } {
  try {
    return call();
  } catch (error) {
    return { error };
  }
}

describe('recommender over random roadmaps', () => {
  it.each([1, 7, 42, 2025])('when seed %i draws hundreds of roadmaps and learners, then every answer holds against brute force', (seed) => {
    const random = seededRandom(seed);
    const seen = { ready: 0, longReady: 0, startedReady: 0, waiting: 0, foreignWaiting: 0, paths: 0, longPaths: 0, achieved: 0, untaught: 0, cycles: 0 };

    for (let n = 0; n < CASES; n += 1) {
      const drawn = randomRoadmap(random);
      // Now and then one more edge in any direction, which may close a cycle.
      const ids = drawn.skills.map((skill) => skill.skillId);
      const pickId = () => ids[Math.floor(random() * ids.length)];
      const roadmap = random() < 0.15 ? { ...drawn, prerequisites: [...drawn.prerequisites, { skillId: pickId(), requiresSkillId: pickId() }] } : drawn;
      const learner = randomLearner(random, roadmap);
      const brute = bruteForce(roadmap, learner);

      const result = recommendNext(roadmap, learner, { includeWaiting: true });
      const ready = result.ready.map((item) => item.skillId);

      // Sound and complete: ready is exactly the open skills whose prerequisites are all done.
      expect([...ready].sort()).toEqual([...brute.eligible].sort());
      for (const item of result.ready) {
        expect(brute.requires(item.skillId).every(brute.done)).toBe(true);
        expect(['completed', 'known', 'skipped']).not.toContain(brute.status(item.skillId));
        expect(item.status).toBe(brute.status(item.skillId));
        assertReasonsTrue(item, roadmap, brute);
      }
      expect(result.ready.map((item) => item.rank)).toEqual(ready.map((_, i) => i + 1));
      for (let i = 1; i < ready.length; i += 1) expect(before(brute.key(ready[i - 1]), brute.key(ready[i]))).toBe(true);

      // Waiting: every other open skill, with exactly its unmet prerequisites.
      expect(result.waiting.map((item) => item.skillId).sort()).toEqual(brute.ids.filter((id) => brute.open(id) && !brute.eligible.includes(id)).sort());
      for (const item of result.waiting) expect(item.waitingFor).toEqual(brute.requires(item.skillId).filter((id) => !brute.done(id)));
      const placement = (id: string) => {
        const { stage, skill } = brute.placed.get(id) as NonNullable<ReturnType<typeof brute.placed.get>>;
        return [stage.position, skill.position, id];
      };
      for (let i = 1; i < result.waiting.length; i += 1) expect(before(placement(result.waiting[i - 1].skillId), placement(result.waiting[i].skillId))).toBe(true);

      // The order of arrays in the input never matters; limit only cuts.
      const shuffled = shuffledRoadmap(random, roadmap);
      expect(recommendNext(shuffled, learner, { includeWaiting: true })).toEqual(result);
      const limit = Math.floor(random() * 4);
      expect(recommendNext(roadmap, learner, { limit }).ready).toEqual(result.ready.slice(0, limit));

      // Half the goals are the skill with the most prerequisites behind it, so long paths are drawn too.
      const depth = (id: string) => brute.ids.filter((other) => brute.needs(other, id)).length;
      const goal = random() < 0.5 ? pickId() : brute.ids.reduce((deepest, id) => (depth(id) > depth(deepest) ? id : deepest));
      const path = outcome(() => pathToGoal(roadmap, learner, goal));
      expect(outcome(() => pathToGoal(shuffled, learner, goal))).toEqual(path);
      const needed = neededFor(goal, brute);
      const untaught = [...needed].filter((id) => !brute.placed.has(id)).sort();

      if (brute.done(goal)) {
        expect(path).toEqual({ goalSkillId: goal, alreadyAchieved: true, steps: [] });
        seen.achieved += 1;
      } else if (untaught.length > 0) {
        expect('error' in path && path.error).toBeInstanceOf(GoalUnreachableError);
        expect(path).toMatchObject({ error: { details: { reason: 'untaught-prerequisite', blockingSkillIds: untaught } } });
        seen.untaught += 1;
      } else if (hasCycle(needed, brute)) {
        expect(path).toMatchObject({ error: { details: { reason: 'prerequisite-cycle' } } });
        const blocking = ('error' in path ? (path.error as GoalUnreachableError).details.blockingSkillIds : []) as string[];
        expect(blocking.length).toBeGreaterThan(0);
        expect(hasCycle(new Set(blocking), brute)).toBe(true);
        seen.cycles += 1;
      } else {
        if ('error' in path) throw path.error;
        const steps = path.steps.map((step) => step.skillId);
        // Minimal and complete: exactly the needed skills, none of them done, the goal last.
        expect([...steps].sort()).toEqual([...needed].sort());
        expect(steps.filter(brute.done)).toEqual([]);
        expect(steps.at(-1)).toBe(goal);
        expect(path.steps.map((step) => step.rank)).toEqual(steps.map((_, i) => i + 1));
        steps.forEach((id, i) => {
          // Valid: every missing prerequisite comes earlier; and greedy: the best-ranked free skill.
          const earlier = new Set(steps.slice(0, i));
          expect(brute.requires(id).filter((required) => !brute.done(required) && !earlier.has(required))).toEqual([]);
          const free = steps.slice(i).filter((other) => brute.requires(other).every((required) => brute.done(required) || earlier.has(required)));
          for (const other of free) if (other !== id) expect(before(brute.key(id), brute.key(other))).toBe(true);
          assertReasonsTrue(path.steps[i], roadmap, brute);
          expect(path.steps[i].reasons[0].code).toBe(id === goal ? 'GOAL' : 'LEADS_TO_GOAL');
        });
        seen.paths += 1;
        if (steps.length >= 3) seen.longPaths += 1;
      }

      if (ready.length > 0) seen.ready += 1;
      if (ready.length >= 3) seen.longReady += 1;
      if (result.ready.some((item) => item.status === 'in-progress')) seen.startedReady += 1;
      if (result.waiting.length > 0) seen.waiting += 1;
      if (result.waiting.some((item) => item.waitingFor.some((id) => !brute.placed.has(id)))) seen.foreignWaiting += 1;
    }

    // The properties above are only worth something if the draws reached every case.
    expect(seen.ready).toBeGreaterThan(CASES / 2);
    expect(seen.longReady).toBeGreaterThan(CASES / 10);
    expect(seen.startedReady).toBeGreaterThan(CASES / 20);
    expect(seen.waiting).toBeGreaterThan(CASES / 4);
    expect(seen.foreignWaiting).toBeGreaterThan(0);
    expect(seen.paths).toBeGreaterThan(CASES / 4);
    expect(seen.longPaths).toBeGreaterThan(CASES / 20);
    expect(seen.achieved).toBeGreaterThan(0);
    expect(seen.untaught).toBeGreaterThan(0);
    expect(seen.cycles).toBeGreaterThan(0);
  });
});
