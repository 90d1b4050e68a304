import { Skill, type MarketSignals } from '../index';
import { aSkill, domainErrorFrom, T0 } from '../testing';

const reading = (level: 'low' | 'medium' | 'high') => ({ level, source: 'Hiring survey', asOf: '2026-01-01' });
const SIGNALS: MarketSignals = { importance: reading('high'), marketDemand: reading('high'), automationRisk: reading('low') };

describe('Skill', () => {
  it('when created from a slug, then its id is derived from the slug and is the same every time', () => {
    const first = aSkill({ slug: 'git' });
    const second = Skill.create({ slug: 'git', name: 'Git and GitHub', description: '' });

    expect(first.id).toBe('skill:git');
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ slug: 'git', name: 'Git', revision: 1, signals: undefined });
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
        skill: { id: 'skill:git', slug: 'git', name: 'Git', description: 'Track changes, branch and review code.', signals: SIGNALS },
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

    expect(skill.toState()).toEqual({ id: 'skill:git', slug: 'git', name: 'Git and GitHub', description: 'Version control for code and teams.', signals: SIGNALS, revision: 2 });
  });
});
