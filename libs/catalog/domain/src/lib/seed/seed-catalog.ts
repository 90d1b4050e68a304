import { skillIdFor } from '../ids';
import { Roadmap } from '../roadmap';
import { Skill, type SkillAlias } from '../skill';
import { BACKEND } from './backend';
import { BACKEND_AI_ERA } from './backend-ai-era';
import { BACKEND_AWS } from './backend-aws';
import { BACKEND_PATTERNS_PATH } from './backend-patterns-path';
import { SEED_PREREQUISITES } from './prerequisites';
import type { SeedRoadmap } from './seed-roadmap';
import { SEED_ALIAS_RULES, SEED_SKILL_ALIASES } from './skill-aliases';
import { SEED_SKILLS, type SeedSkillSlug } from './skills';

export interface SeedCatalog {
  readonly skills: readonly Skill[];
  /** Each published as version 1, with its `RoadmapPublished` recorded and not yet pulled. */
  readonly roadmaps: readonly Roadmap[];
}

const SEED_ROADMAPS: readonly SeedRoadmap[] = [BACKEND, BACKEND_AI_ERA, BACKEND_AWS, BACKEND_PATTERNS_PATH];

/**
 * The starting catalog, built through the same aggregate methods editors use, so seed data
 * obeys every invariant. Ids derive from slugs and the output depends only on `now`, which
 * lets a loader skip what already exists by id and stay idempotent.
 */
export function seedCatalog(now: Date): SeedCatalog {
  const skills = (Object.keys(SEED_SKILLS) as SeedSkillSlug[]).map((slug) => Skill.create({ slug, ...SEED_SKILLS[slug], aliases: seedAliases(skillIdFor(slug)) }));
  return { skills, roadmaps: SEED_ROADMAPS.map((definition) => publishedRoadmap(definition, now)) };
}

/** The seeded aliases of one skill, each with its ambiguous/caseSensitive rule. */
function seedAliases(skillId: string): SkillAlias[] {
  return (SEED_SKILL_ALIASES[skillId] ?? []).map((text) => ({ text, ...SEED_ALIAS_RULES[text] }));
}

function publishedRoadmap(definition: SeedRoadmap, now: Date): Roadmap {
  const roadmap = Roadmap.create(definition);
  const placed = new Set<SeedSkillSlug>();
  for (const stage of definition.stages) {
    roadmap.addStage(stage, roadmap.revision);
    for (const [slug, priority] of stage.skills) {
      const skillId = skillIdFor(slug);
      roadmap.addSkill(stage.id, { skillId, priority }, roadmap.revision);
      for (const resource of SEED_SKILLS[slug].resources ?? []) roadmap.attachResource(skillId, resource, roadmap.revision);
      placed.add(slug);
    }
  }
  for (const slug of placed) {
    const requires = (SEED_PREREQUISITES[slug] ?? []).filter((required) => placed.has(required));
    if (requires.length > 0) roadmap.setPrerequisites(skillIdFor(slug), requires.map(skillIdFor), roadmap.revision);
  }
  roadmap.publish(now, roadmap.revision);
  return roadmap;
}
