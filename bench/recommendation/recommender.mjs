// bench/recommendation/recommender.mjs: recommendNext on the seeded Backend Engineer roadmap
// (32 skills, built from the compiled catalog seed) for many learner states, in this process.
// Target: well under 1 ms per call. Usage: node bench/recommendation/recommender.mjs
import { fileURLToPath } from 'node:url';
import { requireBuilt } from '../../tools/built.mjs';
import { machine, percentile } from '../lib.mjs';

const WARM_UP_CALLS = 5_000;
const MEASURED_CALLS = 50_000;
const LEARNER_STATES = 64;

/** The Backend Engineer roadmap as the recommender sees it, from the same seed the catalog loads. */
export function backendRoadmapGraph() {
  const { seedCatalog } = requireBuilt('libs/catalog/domain/src/index', { quiet: true });
  const catalog = seedCatalog(new Date('2026-01-01T00:00:00.000Z'));
  const roadmap = catalog.roadmaps.find((candidate) => candidate.slug === 'backend');
  const content = roadmap.published;
  const skills = new Map(catalog.skills.map((skill) => [skill.id, skill]));
  const placed = content.stages.flatMap((stage) => stage.skills.map((skill) => skill.skillId));
  return {
    roadmapId: roadmap.id,
    slug: roadmap.slug,
    title: content.title,
    version: roadmap.version,
    stages: content.stages.map((stage, stageIndex) => ({
      stageId: stage.id,
      title: stage.title,
      position: stageIndex + 1,
      skills: stage.skills.map((skill, index) => ({ skillId: skill.skillId, position: index + 1, priority: skill.priority })),
    })),
    skills: placed.map((skillId) => {
      const { name, signals } = skills.get(skillId);
      return signals ? { skillId, name, signals } : { skillId, name };
    }),
    prerequisites: content.prerequisites.map((edge) => ({ skillId: edge.from, requiresSkillId: edge.to })),
  };
}

/** mulberry32, so every run measures the same learners. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Learners from brand new to nearly done: skills before a random frontier mostly done, a few started, some known from a resume. */
function learnerStates(graph) {
  const random = seededRandom(2026);
  const skillIds = graph.stages.flatMap((stage) => stage.skills.map((skill) => skill.skillId));
  return Array.from({ length: LEARNER_STATES }, (_, n) => {
    const frontier = Math.floor((n / (LEARNER_STATES - 1)) * skillIds.length);
    const statuses = new Map();
    skillIds.forEach((skillId, index) => {
      const roll = random();
      if (index < frontier) statuses.set(skillId, roll < 0.75 ? 'completed' : roll < 0.9 ? 'known' : roll < 0.95 ? 'skipped' : 'in-progress');
      else if (roll < 0.1) statuses.set(skillId, 'known');
      else if (roll < 0.2) statuses.set(skillId, 'in-progress');
    });
    return statuses;
  });
}

export async function benchRecommender() {
  const { recommendNext } = requireBuilt('libs/recommendation/domain/src/index', { quiet: true });
  const graph = backendRoadmapGraph();
  const skillCount = graph.stages.reduce((total, stage) => total + stage.skills.length, 0);
  if (skillCount !== 32) throw new Error(`the Backend Engineer seed has ${skillCount} skills, expected 32`);
  const learners = learnerStates(graph);

  let sink = 0;
  for (let i = 0; i < WARM_UP_CALLS; i += 1) sink += recommendNext(graph, learners[i % learners.length], { includeWaiting: true }).ready.length;
  const samples = new Float64Array(MEASURED_CALLS);
  for (let i = 0; i < MEASURED_CALLS; i += 1) {
    const learner = learners[i % learners.length];
    const started = performance.now();
    sink += recommendNext(graph, learner, { includeWaiting: true }).ready.length;
    samples[i] = (performance.now() - started) * 1000;
  }
  if (sink === 0) throw new Error('no learner state had a ready skill: the benchmark measured nothing');

  const sorted = [...samples].sort((a, b) => a - b);
  const round = (micros) => Math.round(micros * 100) / 100;
  return {
    calls: MEASURED_CALLS,
    meanMicros: round(sorted.reduce((total, value) => total + value, 0) / sorted.length),
    p50Micros: round(percentile(sorted, 50)),
    p99Micros: round(percentile(sorted, 99)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify({ ...(await benchRecommender()), machine: machine() }, null, 2));
}
