import type { Reason, SignalCode } from './reasons';
import { InvalidRoadmapGraphError } from './recommender.errors';

export type SkillPriority = 'essential' | 'recommended' | 'optional';
export type SignalLevel = 'low' | 'medium' | 'high';

export interface MarketSignal {
  readonly level: SignalLevel;
  readonly source?: string;
  /** ISO date of the reading. */
  readonly asOf?: string;
}

export interface SkillSignals {
  readonly importance?: MarketSignal;
  readonly marketDemand?: MarketSignal;
  readonly automationRisk?: MarketSignal;
}

export interface RoadmapGraph {
  readonly roadmapId: string;
  readonly slug: string;
  readonly title: string;
  readonly version: number;
  readonly stages: readonly {
    readonly stageId: string;
    readonly title: string;
    readonly position: number;
    readonly skills: readonly { readonly skillId: string; readonly position: number; readonly priority: SkillPriority }[];
  }[];
  readonly skills: readonly { readonly skillId: string; readonly name: string; readonly signals?: SkillSignals }[];
  /** `skillId` requires `requiresSkillId`; the required skill may belong to another roadmap. */
  readonly prerequisites: readonly { readonly skillId: string; readonly requiresSkillId: string }[];
}

export interface Unlocks {
  /** Skills of this roadmap that require the skill. */
  readonly direct: number;
  /** Skills of this roadmap that require it directly or through other skills of this roadmap. */
  readonly total: number;
}

/** A skill placed in a stage, with everything about it that does not depend on the learner. */
export interface PlacedSkill {
  readonly skillId: string;
  readonly name: string;
  readonly stageId: string;
  readonly stageTitle: string;
  readonly stagePosition: number;
  readonly position: number;
  readonly priority: SkillPriority;
  readonly signals: SkillSignals;
  /** Distinct, sorted; may name skills outside the roadmap. */
  readonly requires: readonly string[];
  /** Distinct skills of this roadmap that require this one. */
  readonly requiredBy: readonly string[];
  readonly unlocks: Unlocks;
  readonly marketScore: number;
  /** Place in the order (stage position, position, id). */
  readonly placementIndex: number;
  /** Place in the ranking by every criterion except the learner's status. */
  readonly rankIndex: number;
  /** The reasons from PRIORITY on: they do not depend on the learner. */
  readonly staticReasons: readonly Reason[];
}

export interface CompiledRoadmap {
  readonly graph: RoadmapGraph;
  readonly skills: ReadonlyMap<string, PlacedSkill>;
  /** Ordered by `rankIndex`. */
  readonly byRank: readonly PlacedSkill[];
}

const PRIORITY_ORDER: Readonly<Record<SkillPriority, number>> = { essential: 0, recommended: 1, optional: 2 };
const SIGNAL_POINTS: Readonly<Record<SignalLevel, number>> = { low: 0, medium: 1, high: 2 };

// A roadmap is read many times between publications; the indexes are built once per graph
// object, which callers treat as immutable (they come from published, versioned events).
const compiledGraphs = new WeakMap<RoadmapGraph, CompiledRoadmap>();

export function compiledRoadmap(graph: RoadmapGraph): CompiledRoadmap {
  let compiled = compiledGraphs.get(graph);
  if (compiled === undefined) {
    compiled = compile(graph);
    compiledGraphs.set(graph, compiled);
  }
  return compiled;
}

/** importance + market demand − automation risk, each high 2, medium 1, low 0, absent 0. */
export function marketScore(signals: SkillSignals): number {
  const points = (signal?: MarketSignal) => (signal === undefined ? 0 : SIGNAL_POINTS[signal.level]);
  return points(signals.importance) + points(signals.marketDemand) - points(signals.automationRisk);
}

/**
 * The ranking without the learner: priority, stage position, transitive unlocks (more first),
 * market score (higher first), position in the stage, skill id. Ids compare by code unit, not
 * locale, so every machine sorts alike.
 */
export function compareStatically(a: PlacedSkill, b: PlacedSkill): number {
  return (
    PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
    a.stagePosition - b.stagePosition ||
    b.unlocks.total - a.unlocks.total ||
    b.marketScore - a.marketScore ||
    a.position - b.position ||
    compareIds(a.skillId, b.skillId)
  );
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type Placement = Omit<PlacedSkill, 'requires' | 'requiredBy' | 'unlocks' | 'marketScore' | 'placementIndex' | 'rankIndex' | 'staticReasons'>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function compile(graph: RoadmapGraph): CompiledRoadmap {
  const details = new Map<string, RoadmapGraph['skills'][number]>();
  for (const skill of graph.skills) {
    // Two descriptions of one skill would make the output depend on array order.
    if (details.has(skill.skillId)) throw new InvalidRoadmapGraphError('a skill may be described only once', { skillId: skill.skillId });
    details.set(skill.skillId, skill);
  }

  const placements = new Map<string, Placement>();
  const stageIds = new Set<string>();
  for (const stage of graph.stages) {
    if (stageIds.has(stage.stageId)) throw new InvalidRoadmapGraphError('stage ids must be unique', { stageId: stage.stageId });
    stageIds.add(stage.stageId);
    for (const { skillId, position, priority } of stage.skills) {
      if (placements.has(skillId)) throw new InvalidRoadmapGraphError('a skill may appear only once in a roadmap', { skillId });
      const described = details.get(skillId);
      if (described === undefined) throw new InvalidRoadmapGraphError('every placed skill needs a description', { skillId });
      placements.set(skillId, {
        skillId,
        name: described.name,
        stageId: stage.stageId,
        stageTitle: stage.title,
        stagePosition: stage.position,
        position,
        priority,
        signals: described.signals ?? {},
      });
    }
  }

  const requires = new Map<string, Set<string>>([...placements.keys()].map((id) => [id, new Set<string>()]));
  const requiredBy = new Map<string, Set<string>>([...placements.keys()].map((id) => [id, new Set<string>()]));
  for (const edge of graph.prerequisites) {
    // An edge of a skill this roadmap does not place cannot change what it recommends.
    requires.get(edge.skillId)?.add(edge.requiresSkillId);
    if (placements.has(edge.skillId)) requiredBy.get(edge.requiresSkillId)?.add(edge.skillId);
  }

  const skills = [...placements.values()].map((placement): Mutable<PlacedSkill> => ({
    ...placement,
    requires: [...(requires.get(placement.skillId) ?? [])].sort(compareIds),
    requiredBy: [...(requiredBy.get(placement.skillId) ?? [])].sort(compareIds),
    unlocks: Object.freeze({ direct: requiredBy.get(placement.skillId)?.size ?? 0, total: countDependents(placement.skillId, requiredBy) }),
    marketScore: marketScore(placement.signals),
    placementIndex: 0,
    rankIndex: 0,
    staticReasons: [],
  }));

  skills
    .sort((a, b) => a.stagePosition - b.stagePosition || a.position - b.position || compareIds(a.skillId, b.skillId))
    .forEach((skill, index) => (skill.placementIndex = index));
  const byRank = skills.sort(compareStatically);
  byRank.forEach((skill, index) => {
    skill.rankIndex = index;
    skill.staticReasons = staticReasons(graph, skill);
  });
  return { graph, skills: new Map(byRank.map((skill) => [skill.skillId, skill])), byRank };
}

/** Every skill reachable through `requiredBy`, itself excluded even when a cycle leads back. */
function countDependents(skillId: string, requiredBy: ReadonlyMap<string, ReadonlySet<string>>): number {
  const seen = new Set<string>([skillId]);
  const stack = [skillId];
  while (stack.length > 0) {
    for (const next of requiredBy.get(stack.pop() as string) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen.size - 1;
}

function staticReasons(graph: RoadmapGraph, skill: Omit<PlacedSkill, 'staticReasons'>): readonly Reason[] {
  const reasons: Reason[] = [
    { code: 'PRIORITY', values: { priority: skill.priority, roadmapTitle: graph.title } },
    { code: 'STAGE', values: { stageTitle: skill.stageTitle, position: skill.stagePosition } },
  ];
  if (skill.unlocks.total > 0) reasons.push({ code: 'UNLOCKS', values: { ...skill.unlocks } });
  const signals: readonly [SignalCode, MarketSignal | undefined][] = [
    ['IMPORTANCE', skill.signals.importance],
    ['MARKET_DEMAND', skill.signals.marketDemand],
    ['AUTOMATION_RISK', skill.signals.automationRisk],
  ];
  for (const [code, signal] of signals) {
    if (signal === undefined) continue;
    reasons.push({
      code,
      values: {
        level: signal.level,
        ...(signal.source === undefined ? {} : { source: signal.source }),
        ...(signal.asOf === undefined ? {} : { asOf: signal.asOf }),
      },
    });
  }
  return deepFreeze(reasons);
}

// Static reasons are shared by every recommendation of the skill, so no caller may change them.
function deepFreeze(reasons: Reason[]): readonly Reason[] {
  for (const reason of reasons) Object.freeze(Object.freeze(reason).values);
  return Object.freeze(reasons);
}
