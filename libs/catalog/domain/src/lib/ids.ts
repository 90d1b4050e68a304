import { InvalidSlug } from './catalog.errors';

/** Derived from the skill's slug, so the same skill has the same id in every roadmap and every environment. */
export type SkillId = `skill:${string}`;

/** Derived from the roadmap's slug, which never changes: it is in every link to the roadmap. */
export type RoadmapId = `roadmap:${string}`;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG_LENGTH = 64;

/** Lowercase kebab case; UUIDs pass too, so callers may use them for stage ids. */
export function parseSlug(value: string, field = 'slug'): string {
  if (typeof value !== 'string' || value.length > MAX_SLUG_LENGTH || !SLUG.test(value)) throw new InvalidSlug(field);
  return value;
}

export function skillIdFor(slug: string): SkillId {
  return `skill:${parseSlug(slug, 'skill slug')}`;
}

export function parseSkillId(value: string): SkillId {
  if (typeof value !== 'string' || !value.startsWith('skill:')) throw new InvalidSlug('skillId');
  return skillIdFor(value.slice('skill:'.length));
}

export function roadmapIdFor(slug: string): RoadmapId {
  return `roadmap:${parseSlug(slug)}`;
}
