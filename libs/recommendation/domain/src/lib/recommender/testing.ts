// Test builders for the recommender; not part of the production API (see index.ts).
import type { MarketSignal, RoadmapGraph, SignalLevel, SkillPriority, SkillSignals } from './roadmap-graph';
import type { LearnerSkills, SkillStatus } from './skill-status';

export interface GraphSpec {
  readonly title?: string;
  /** Stages in position order, each with its skill ids in position order. */
  readonly stages: readonly (readonly [stageId: string, skillIds: readonly string[]])[];
  /** skill id → the ids it requires. */
  readonly requires?: Readonly<Record<string, readonly string[]>>;
  /** Default: essential. */
  readonly priorities?: Readonly<Record<string, SkillPriority>>;
  readonly signals?: Readonly<Record<string, SkillSignals>>;
}

/** A graph whose stage and skill names are their ids capitalised: `docker` → "Docker". */
export function roadmapGraph(spec: GraphSpec): RoadmapGraph {
  return {
    roadmapId: 'roadmap:backend',
    slug: 'backend',
    title: spec.title ?? 'Backend Engineer',
    version: 1,
    stages: spec.stages.map(([stageId, skillIds], stageIndex) => ({
      stageId,
      title: capitalised(stageId),
      position: stageIndex + 1,
      skills: skillIds.map((skillId, index) => ({ skillId, position: index + 1, priority: spec.priorities?.[skillId] ?? 'essential' })),
    })),
    skills: spec.stages.flatMap(([, skillIds]) =>
      skillIds.map((skillId) => ({ skillId, name: capitalised(skillId), ...(spec.signals?.[skillId] ? { signals: spec.signals[skillId] } : {}) })),
    ),
    prerequisites: Object.entries(spec.requires ?? {}).flatMap(([skillId, required]) => required.map((requiresSkillId) => ({ skillId, requiresSkillId }))),
  };
}

export function learnerSkills(statuses: Readonly<Record<string, SkillStatus>> = {}): LearnerSkills {
  return new Map(Object.entries(statuses));
}

/** The error a synchronous call throws, so a test can assert its `code`, `kind` and `details`. */
export function errorThrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned');
}

/** mulberry32: a tiny deterministic generator, so a failing seed replays the same sequence every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRIORITIES: readonly SkillPriority[] = ['essential', 'recommended', 'optional'];
const LEVELS: readonly SignalLevel[] = ['low', 'medium', 'high'];
const STATUSES: readonly SkillStatus[] = ['pending', 'pending', 'in-progress', 'completed', 'completed', 'known', 'skipped'];
/** Skills of other roadmaps that random roadmaps may require. */
export const FOREIGN_SKILL_IDS: readonly string[] = ['other-a', 'other-b', 'other-c'];

/**
 * An acyclic roadmap of up to `maxSkills` skills in up to four stages whose array order differs
 * from their positions, with duplicate edges, edges to other roadmaps' skills and random signals.
 */
export function randomRoadmap(random: () => number, maxSkills = 14): RoadmapGraph {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const skillIds = shuffled(random, Array.from({ length: 1 + Math.floor(random() * maxSkills) }, (_, i) => `skill-${i}`));
  const stageCount = 1 + Math.floor(random() * 4);
  const members: string[][] = Array.from({ length: stageCount }, () => []);
  for (const skillId of skillIds) pick(members).push(skillId);
  const positions = shuffled(random, members.map((_, i) => i + 1));
  const stages = members.map((stageSkills, i) => ({
    stageId: `stage-${i}`,
    title: `Stage ${i}`,
    position: positions[i],
    skills: shuffled(random, stageSkills.map((skillId, index) => ({ skillId, position: index + 1, priority: pick(PRIORITIES) }))),
  }));

  // Edges only from later to earlier in `order` keep the graph acyclic.
  const order = shuffled(random, skillIds);
  const density = Math.min(0.35, 3 / skillIds.length);
  const prerequisites: { skillId: string; requiresSkillId: string }[] = [];
  order.forEach((skillId, i) => {
    for (const earlier of order.slice(0, i)) if (random() < density) prerequisites.push({ skillId, requiresSkillId: earlier });
    if (random() < 0.1) prerequisites.push({ skillId, requiresSkillId: pick(FOREIGN_SKILL_IDS) });
  });
  if (prerequisites.length > 0 && random() < 0.3) prerequisites.push({ ...pick(prerequisites) });

  const signal = (): MarketSignal | undefined => {
    if (random() < 0.4) return undefined;
    return { level: pick(LEVELS), ...(random() < 0.5 ? { source: 'Survey' } : {}), ...(random() < 0.5 ? { asOf: '2025-01-01' } : {}) };
  };
  const skills = skillIds.map((skillId) => {
    const signals = { importance: signal(), marketDemand: signal(), automationRisk: signal() };
    const present = Object.fromEntries(Object.entries(signals).filter(([, value]) => value !== undefined));
    return { skillId, name: `Skill ${skillId}`, ...(random() < 0.8 ? { signals: present } : {}) };
  });
  return { roadmapId: 'roadmap:random', slug: 'random', title: 'Random Roadmap', version: 1, stages, skills, prerequisites };
}

/** A status for some of the roadmap's skills and of the foreign ones; the rest stay absent (pending). */
export function randomLearner(random: () => number, roadmap: RoadmapGraph): LearnerSkills {
  const ids = [...roadmap.skills.map((skill) => skill.skillId), ...FOREIGN_SKILL_IDS];
  const doneShare = random();
  const statuses = new Map<string, SkillStatus>();
  for (const id of ids) {
    if (random() < 0.2) continue;
    statuses.set(id, random() < doneShare ? (random() < 0.7 ? 'completed' : 'known') : STATUSES[Math.floor(random() * STATUSES.length)]);
  }
  return statuses;
}

/** The same roadmap with every array in another order. */
export function shuffledRoadmap(random: () => number, roadmap: RoadmapGraph): RoadmapGraph {
  return {
    ...roadmap,
    stages: shuffled(random, roadmap.stages.map((stage) => ({ ...stage, skills: shuffled(random, stage.skills) }))),
    skills: shuffled(random, roadmap.skills),
    prerequisites: shuffled(random, roadmap.prerequisites),
  };
}

export function shuffled<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function capitalised(id: string): string {
  return `${id.charAt(0).toUpperCase()}${id.slice(1)}`;
}
