import type { Reason } from './reasons';
import { prerequisitesMet, recommendation, type Recommendation } from './recommendation';
import { GoalUnreachableError, UnknownGoalSkillError } from './recommender.errors';
import { compareIds, compiledRoadmap, type PlacedSkill, type RoadmapGraph } from './roadmap-graph';
import { isDone, statusOf, type LearnerSkills } from './skill-status';

export interface GoalPath {
  readonly goalSkillId: string;
  /** The goal is completed or known already; `steps` is then empty. */
  readonly alreadyAchieved: boolean;
  /** Every missing skill the goal needs, the goal last, each after its missing prerequisites. */
  readonly steps: readonly Recommendation[];
}

/**
 * The fewest skills that get the learner to the goal: the goal and every prerequisite reached
 * from it through skills that are not completed or known. A done skill stops the walk, because
 * its own prerequisites are no longer needed; a skipped one does not, because skipping
 * satisfies nothing. Among skills free at the same step, the recommendNext ranking decides.
 */
export function pathToGoal(roadmap: RoadmapGraph, learner: LearnerSkills, goalSkillId: string): GoalPath {
  const compiled = compiledRoadmap(roadmap);
  const goal = compiled.skills.get(goalSkillId);
  if (goal === undefined) throw new UnknownGoalSkillError(goalSkillId, roadmap.roadmapId);
  if (isDone(statusOf(learner, goalSkillId))) return { goalSkillId, alreadyAchieved: true, steps: [] };

  const missing = new Map<string, PlacedSkill>([[goalSkillId, goal]]);
  const untaught = new Set<string>();
  const walk = [goal];
  while (walk.length > 0) {
    for (const required of (walk.pop() as PlacedSkill).requires) {
      if (missing.has(required) || isDone(statusOf(learner, required))) continue;
      const skill = compiled.skills.get(required);
      if (skill === undefined) untaught.add(required);
      else {
        missing.set(required, skill);
        walk.push(skill);
      }
    }
  }
  if (untaught.size > 0) throw new GoalUnreachableError(goalSkillId, 'untaught-prerequisite', [...untaught].sort(compareIds));

  // Kahn's algorithm: a skill is free once its missing prerequisites are all placed before it.
  const blockers = new Map([...missing.values()].map((skill) => [skill, skill.requires.filter((id) => missing.has(id)).length]));
  const free = [...missing.values()].filter((skill) => blockers.get(skill) === 0);
  const order: PlacedSkill[] = [];
  while (free.length > 0) {
    const next = free.splice(bestIndex(free, learner), 1)[0];
    order.push(next);
    for (const dependentId of next.requiredBy) {
      const dependent = missing.get(dependentId);
      if (dependent === undefined) continue;
      const left = (blockers.get(dependent) as number) - 1;
      blockers.set(dependent, left);
      if (left === 0) free.push(dependent);
    }
  }
  if (order.length < missing.size) throw new GoalUnreachableError(goalSkillId, 'prerequisite-cycle', cyclic(missing, new Set(order)));

  const toGoal: Reason = { code: 'LEADS_TO_GOAL', values: { goalSkillId, goalName: goal.name } };
  return {
    goalSkillId,
    alreadyAchieved: false,
    steps: order.map((skill, index) => {
      const status = statusOf(learner, skill.skillId) as Recommendation['status'];
      return recommendation(skill, status, index + 1, prerequisites(skill, learner), skill === goal ? { code: 'GOAL', values: {} } : toGoal);
    }),
  };
}

/** recommendNext's order: in progress first, then the static ranking. */
function bestIndex(free: readonly PlacedSkill[], learner: LearnerSkills): number {
  const started = (skill: PlacedSkill) => statusOf(learner, skill.skillId) === 'in-progress';
  let best = 0;
  for (let i = 1; i < free.length; i += 1) {
    const [candidate, current] = [free[i], free[best]];
    if (started(candidate) !== started(current) ? started(candidate) : candidate.rankIndex < current.rankIndex) best = i;
  }
  return best;
}

function prerequisites(skill: PlacedSkill, learner: LearnerSkills): Reason {
  const done = skill.requires.filter((id) => isDone(statusOf(learner, id))).length;
  const total = skill.requires.length;
  return done === total ? prerequisitesMet(skill) : { code: 'PREREQUISITES_EARLIER_IN_PATH', values: { done, total, earlier: total - done } };
}

/**
 * The skills left unplaced, minus those that merely wait on a cycle from outside it: peeling off
 * every skill no other unplaced skill requires leaves the cycles (and any skill between two).
 */
function cyclic(missing: ReadonlyMap<string, PlacedSkill>, placed: ReadonlySet<PlacedSkill>): string[] {
  const left = new Set([...missing.values()].filter((skill) => !placed.has(skill)).map((skill) => skill.skillId));
  for (let peeled = true; peeled; ) {
    peeled = false;
    for (const skillId of left) {
      if (!(missing.get(skillId) as PlacedSkill).requiredBy.some((id) => left.has(id))) {
        left.delete(skillId);
        peeled = true;
      }
    }
  }
  return [...left].sort(compareIds);
}
