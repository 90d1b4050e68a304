// Public API of the catalog domain: roadmaps, stages, skills, prerequisites — plain TypeScript (catalog issue).
export * from './lib/catalog.errors';
export { parseSkillId, parseSlug, roadmapIdFor, skillIdFor, type RoadmapId, type SkillId } from './lib/ids';
export { findCycle, topologicalOrder, type PrerequisiteEdge } from './lib/prerequisite-graph';
export { createResource, parseResourceUrl, RESOURCE_TYPES, type Resource, type ResourceType } from './lib/resource';
export {
  Roadmap,
  ROADMAP_KINDS,
  SKILL_PRIORITIES,
  type RoadmapContent,
  type RoadmapDetails,
  type RoadmapKind,
  type RoadmapSkill,
  type RoadmapState,
  type RoadmapStatus,
  type SkillPriority,
  type Stage,
} from './lib/roadmap';
export type { RoadmapEvent, RoadmapPublished, RoadmapRetired, RoadmapSnapshot, StageSkillSnapshot, StageSnapshot } from './lib/roadmap.events';
export { SIGNAL_LEVELS, Skill, type MarketSignals, type Signal, type SignalLevel, type SkillAlias, type SkillChanges, type SkillSnapshot, type SkillState } from './lib/skill';
export type { SkillEvent, SkillUpdated } from './lib/skill.events';
export { seedCatalog, type SeedCatalog } from './lib/seed/seed-catalog';
export { SEED_ALIAS_BLOCKERS, SEED_ALIAS_RULES, SEED_SHARED_ALIASES, SEED_SKILL_ALIASES, type SeedAliasRule } from './lib/seed/skill-aliases';
