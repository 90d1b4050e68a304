import { SEED_ALIAS_BLOCKERS, SEED_ALIAS_RULES, SEED_SHARED_ALIASES, SEED_SKILL_ALIASES, seedCatalog } from '../../index';
import { T0 } from '../../testing';

const seededIds = seedCatalog(T0).skills.map((skill) => skill.id as string);
const key = (alias: string) => alias.toLowerCase().replace(/[\s-]+/g, ' ');

describe('seed skill aliases', () => {
  it('when the seed is built, then every seeded skill has at least one alias', () => {
    expect(seededIds.filter((id) => (SEED_SKILL_ALIASES[id] ?? []).length === 0)).toEqual([]);
  });

  it('when aliases are keyed, then every key is a seeded skill id', () => {
    expect(Object.keys(SEED_SKILL_ALIASES).filter((id) => !seededIds.includes(id))).toEqual([]);
  });

  it('when two skills claim the same alias, then it is listed as deliberately shared', () => {
    const owners = new Map<string, string[]>();
    for (const [skillId, aliases] of Object.entries(SEED_SKILL_ALIASES)) {
      for (const alias of aliases) owners.set(key(alias), [...(owners.get(key(alias)) ?? []), skillId]);
    }
    const shared = new Set(SEED_SHARED_ALIASES.map(key));
    const claimedTwice = [...owners].filter(([, skills]) => skills.length > 1).map(([alias]) => alias);

    expect(claimedTwice.filter((alias) => !shared.has(alias))).toEqual([]);
    expect([...shared].filter((alias) => (owners.get(alias) ?? []).length < 2)).toEqual([]);
  });

  it('when one skill lists an alias twice, then the duplicate is reported', () => {
    const duplicates = Object.entries(SEED_SKILL_ALIASES).flatMap(([skillId, aliases]) =>
      aliases.filter((alias, i) => aliases.findIndex((other) => key(other) === key(alias)) !== i).map((alias) => `${skillId}: ${alias}`),
    );
    expect(duplicates).toEqual([]);
  });

  it('when a rule or blocker names an alias, then rules name existing aliases and blockers none', () => {
    const all = new Set(Object.values(SEED_SKILL_ALIASES).flat());
    const keys = new Set([...all].map(key));

    expect(Object.keys(SEED_ALIAS_RULES).filter((alias) => !all.has(alias))).toEqual([]);
    expect(SEED_ALIAS_BLOCKERS.filter((blocker) => keys.has(key(blocker)))).toEqual([]);
  });
});
