import { mergeSkillStatuses, type SkillStatus } from './skill-status';

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe('mergeSkillStatuses', () => {
  it('when no enrollment reports the skill, then it is pending', () => {
    expect(mergeSkillStatuses([])).toBe('pending');
  });

  it.each<[SkillStatus[], SkillStatus]>([
    [['pending', 'completed'], 'completed'],
    [['known', 'completed'], 'completed'],
    [['in-progress', 'known'], 'known'],
    [['skipped', 'in-progress'], 'in-progress'],
    [['pending', 'skipped'], 'skipped'],
    [['pending', 'pending'], 'pending'],
  ])('when enrollments report %j, then the learner’s status is %s', (statuses, expected) => {
    expect(mergeSkillStatuses(statuses)).toBe(expected);
  });

  it('when the same statuses arrive in any order, then the merge gives the same answer', () => {
    const statuses: SkillStatus[] = ['pending', 'skipped', 'in-progress', 'known'];
    const answers = new Set(permutations(statuses).map((order) => mergeSkillStatuses(order)));
    expect([...answers]).toEqual(['known']);
  });

  it('when statuses come from a lazy iterable, then it is read once without an array', () => {
    function* reported(): Generator<SkillStatus> {
      yield 'skipped';
      yield 'completed';
    }
    expect(mergeSkillStatuses(reported())).toBe('completed');
  });
});
