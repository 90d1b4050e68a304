import { Skill, type MarketSignals, type SkillAlias } from '../index';
import { aSkill, domainErrorFrom, T0 } from '../testing';

const reading = (level: 'low' | 'medium' | 'high') => ({ level, source: 'Hiring survey', asOf: '2026-01-01' });
const SIGNALS: MarketSignals = { importance: reading('high'), marketDemand: reading('high'), automationRisk: reading('low') };
const SQL_ALIASES: SkillAlias[] = [{ text: 'PostgreSQL' }, { text: 'T-SQL' }, { text: 'Oracle', ambiguous: true }, { text: 'Go', ambiguous: true, caseSensitive: true }];
const withAliases = (aliases: readonly SkillAlias[]) => Skill.create({ slug: 'sql', name: 'SQL', description: '', aliases });

describe('Skill', () => {
  it('when created from a slug, then its id is derived from the slug and is the same every time', () => {
    const first = aSkill({ slug: 'git' });
    const second = Skill.create({ slug: 'git', name: 'Git and GitHub', description: '' });

    expect(first.id).toBe('skill:git');
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ slug: 'git', name: 'Git', revision: 1, signals: undefined, aliases: [] });
    expect(first.pullEvents()).toEqual([]);
  });

  it.each([
    ['an invalid slug', { slug: 'Git!' }, 'CATALOG.INVALID_SLUG', undefined],
    ['an empty name', { name: ' ' }, 'CATALOG.INVALID_FIELD', 'name'],
    ['an unknown signal level', { signals: { ...SIGNALS, marketDemand: { ...reading('high'), level: 'huge' as never } } }, 'CATALOG.INVALID_FIELD', 'signals.marketDemand.level'],
    ['a signal without a source', { signals: { ...SIGNALS, importance: { ...reading('high'), source: '' } } }, 'CATALOG.INVALID_FIELD', 'signals.importance.source'],
    ['an impossible as-of date', { signals: { ...SIGNALS, automationRisk: { ...reading('low'), asOf: '2026-02-30' } } }, 'CATALOG.INVALID_FIELD', 'signals.automationRisk.asOf'],
    ['an as-of timestamp instead of a date', { signals: { ...SIGNALS, automationRisk: { ...reading('low'), asOf: '2026-01-01T00:00:00Z' } } }, 'CATALOG.INVALID_FIELD', 'signals.automationRisk.asOf'],
  ])('when created with %s, then it is refused', (_, overrides, code, field) => {
    expect(domainErrorFrom(() => aSkill(overrides))).toMatchObject({ code, kind: 'invalid', ...(field && { details: { field } }) });
  });

  it('when updated, then the revision moves on and SkillUpdated carries the whole skill', () => {
    const skill = aSkill();

    skill.update({ description: 'Track changes, branch and review code.', signals: SIGNALS }, 1, T0);

    expect(skill).toMatchObject({ revision: 2, name: 'Git', description: 'Track changes, branch and review code.', signals: SIGNALS });
    expect(skill.pullEvents()).toEqual([
      {
        type: 'SkillUpdated',
        aggregateId: 'skill:git',
        aggregateVersion: 2,
        occurredAt: T0.toISOString(),
        skill: { id: 'skill:git', slug: 'git', name: 'Git', description: 'Track changes, branch and review code.', signals: SIGNALS, aliases: [] },
      },
    ]);
    expect(skill.pullEvents()).toEqual([]);
  });

  it('when an update changes nothing, then no event is recorded and the revision stays', () => {
    const skill = aSkill({ signals: SIGNALS });

    skill.update({ name: ' Git ', signals: { ...SIGNALS } }, 1, T0);

    expect(skill.revision).toBe(1);
    expect(skill.pullEvents()).toEqual([]);
  });

  it('when signals are set to null, then they are removed', () => {
    const skill = aSkill({ signals: SIGNALS });

    skill.update({ signals: null }, 1, T0);

    expect(skill.signals).toBeUndefined();
    expect(skill.pullEvents()).toEqual([expect.objectContaining({ type: 'SkillUpdated', skill: expect.not.objectContaining({ signals: expect.anything() }) })]);
  });

  it('when an update carries a stale revision, then it is a conflict and nothing changes', () => {
    const skill = aSkill();
    skill.update({ name: 'Git basics' }, 1, T0);
    skill.pullEvents();

    expect(domainErrorFrom(() => skill.update({ name: 'Git in depth' }, 1, T0))).toMatchObject({
      code: 'CATALOG.STALE_REVISION',
      kind: 'conflict',
      details: { aggregateId: 'skill:git', expected: 1, actual: 2 },
    });
    expect(skill.name).toBe('Git basics');
    expect(skill.pullEvents()).toEqual([]);
  });

  it('when an update has an invalid field, then nothing changes', () => {
    const skill = aSkill();

    expect(domainErrorFrom(() => skill.update({ name: 'x'.repeat(121) }, 1, T0))).toMatchObject({ code: 'CATALOG.INVALID_FIELD', details: { field: 'name' } });
    expect(skill).toMatchObject({ name: 'Git', revision: 1 });
  });

  it('when state is stored as JSON and restored, then it updates from where it was', () => {
    const skill = Skill.restore(JSON.parse(JSON.stringify(aSkill({ signals: SIGNALS }).toState())));

    skill.update({ name: 'Git and GitHub' }, 1, T0);

    expect(skill.toState()).toEqual({ id: 'skill:git', slug: 'git', name: 'Git and GitHub', description: 'Version control for code and teams.', signals: SIGNALS, aliases: [], revision: 2 });
  });

  describe('aliases', () => {
    it('when created with aliases, then they are kept in order, trimmed, inner spaces collapsed and false flags dropped', () => {
      const skill = withAliases([{ text: ' PostgreSQL ' }, { text: 'MS   SQL\u00a0Server', ambiguous: false }, { text: 'Oracle', ambiguous: true, caseSensitive: false }, { text: 'Go', caseSensitive: true, ambiguous: true }]);

      expect(skill.aliases).toEqual([{ text: 'PostgreSQL' }, { text: 'MS SQL Server' }, { text: 'Oracle', ambiguous: true }, { text: 'Go', ambiguous: true, caseSensitive: true }]);
      expect(skill.pullEvents()).toEqual([]);
    });

    it('when created with 50 aliases of 80 characters, then they are accepted (the limits are inclusive)', () => {
      const aliases = Array.from({ length: 50 }, (_, i) => ({ text: `${String(i).padStart(2, '0')}${'x'.repeat(78)}` }));

      expect(withAliases(aliases).aliases).toHaveLength(50);
    });

    it.each([
      ['51 aliases', Array.from({ length: 51 }, (_, i) => ({ text: `alias ${i}` })), 'aliases', 'must list at most 50 aliases'],
      ['an empty alias', [{ text: 'SQL' }, { text: '   ' }], 'aliases[1].text', 'must not be empty'],
      ['an alias of 81 characters', [{ text: 'x'.repeat(81) }], 'aliases[0].text', 'must be at most 80 characters'],
      ['a newline inside an alias', [{ text: 'Postgre\nSQL' }], 'aliases[0].text', 'must not contain control characters'],
      ['a tab at the end of an alias', [{ text: 'SQL\t' }], 'aliases[0].text', 'must not contain control characters'],
      ['a NUL character', [{ text: 'SQL\u0000' }], 'aliases[0].text', 'must not contain control characters'],
      ['an alias with no letter or digit', [{ text: '/-/' }], 'aliases[0].text', 'must contain a letter or digit'],
      ['the same alias in other case', [{ text: 'MySQL' }, { text: 'PostgreSQL' }, { text: 'mysql' }], 'aliases[2].text', 'repeats aliases[0] (case, spaces and hyphens aside)'],
      ['the same alias with a hyphen for a space', [{ text: 'MS SQL' }, { text: 'ms-sql' }], 'aliases[1].text', 'repeats aliases[0] (case, spaces and hyphens aside)'],
      ['a text that is not a string', [{ text: 42 as unknown as string }], 'aliases[0].text', 'must be text'],
      ['a bare string instead of an alias', ['SQL' as unknown as SkillAlias], 'aliases[0].text', 'must be text'],
      ['a flag that is not a boolean', [{ text: 'SQL', ambiguous: 'yes' as unknown as boolean }], 'aliases[0].ambiguous', 'must be true or false'],
    ])('when created with %s, then it is refused naming the field', (_, aliases, field, reason) => {
      expect(domainErrorFrom(() => withAliases(aliases as SkillAlias[]))).toMatchObject({ code: 'CATALOG.INVALID_FIELD', kind: 'invalid', details: { field, reason } });
    });

    it('when aliases change, then the revision moves on and SkillUpdated carries the new list with the rest of the skill', () => {
      const skill = withAliases([{ text: 'SQL' }]);

      skill.update({ aliases: SQL_ALIASES }, 1, T0);

      expect(skill).toMatchObject({ revision: 2, aliases: SQL_ALIASES });
      expect(skill.pullEvents()).toEqual([
        {
          type: 'SkillUpdated',
          aggregateId: 'skill:sql',
          aggregateVersion: 2,
          occurredAt: T0.toISOString(),
          skill: { id: 'skill:sql', slug: 'sql', name: 'SQL', description: '', aliases: SQL_ALIASES },
        },
      ]);
    });

    it('when the same aliases are sent again, written differently but meaning the same, then nothing is recorded', () => {
      const skill = withAliases(SQL_ALIASES);

      skill.update({ aliases: [{ text: 'PostgreSQL ', ambiguous: false }, { text: 'T-SQL' }, { text: 'Oracle', ambiguous: true, caseSensitive: false }, { text: ' Go', caseSensitive: true, ambiguous: true }] }, 1, T0);

      expect(skill.revision).toBe(1);
      expect(skill.pullEvents()).toEqual([]);
    });

    it('when only a flag changes or the order changes, then it is a change and SkillUpdated is recorded', () => {
      const flagged = withAliases(SQL_ALIASES);
      const reordered = withAliases(SQL_ALIASES);

      flagged.update({ aliases: SQL_ALIASES.map((alias) => (alias.text === 'PostgreSQL' ? { ...alias, caseSensitive: true } : alias)) }, 1, T0);
      reordered.update({ aliases: [...SQL_ALIASES].reverse() }, 1, T0);

      expect(flagged.pullEvents()).toEqual([expect.objectContaining({ aggregateVersion: 2, skill: expect.objectContaining({ aliases: expect.arrayContaining([{ text: 'PostgreSQL', caseSensitive: true }]) }) })]);
      expect(reordered.pullEvents()).toEqual([expect.objectContaining({ aggregateVersion: 2, skill: expect.objectContaining({ aliases: [...SQL_ALIASES].reverse() }) })]);
    });

    it('when another field changes and aliases are not sent, then the aliases stay and the event still carries them', () => {
      const skill = withAliases(SQL_ALIASES);

      skill.update({ name: 'Relational databases and SQL' }, 1, T0);

      expect(skill.aliases).toEqual(SQL_ALIASES);
      expect(skill.pullEvents()).toEqual([expect.objectContaining({ skill: expect.objectContaining({ name: 'Relational databases and SQL', aliases: SQL_ALIASES }) })]);
    });

    it('when aliases are set to an empty list, then they are removed and that is recorded', () => {
      const skill = withAliases(SQL_ALIASES);

      skill.update({ aliases: [] }, 1, T0);

      expect(skill.aliases).toEqual([]);
      expect(skill.pullEvents()).toEqual([expect.objectContaining({ skill: expect.objectContaining({ aliases: [] }) })]);
    });

    it('when an update carries an invalid alias, then nothing changes and nothing is recorded', () => {
      const skill = withAliases(SQL_ALIASES);

      expect(domainErrorFrom(() => skill.update({ name: 'Renamed', aliases: [{ text: 'SQL' }, { text: 'sql' }] }, 1, T0))).toMatchObject({ details: { field: 'aliases[1].text' } });
      expect(skill).toMatchObject({ name: 'SQL', aliases: SQL_ALIASES, revision: 1 });
      expect(skill.pullEvents()).toEqual([]);
    });
  });
});
