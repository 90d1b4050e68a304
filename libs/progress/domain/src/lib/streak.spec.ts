import { computeStreak } from './streak';

describe('computeStreak', () => {
  it('when there is no activity, then every streak is zero and there is no last active day', () => {
    expect(computeStreak([], '2025-03-10')).toEqual({ current: 0, longest: 0, lastActiveDay: null, activeToday: false });
  });

  it('when the learner was active today and the two days before, then the current streak is 3', () => {
    expect(computeStreak(['2025-03-08', '2025-03-09', '2025-03-10'], '2025-03-10')).toEqual({
      current: 3,
      longest: 3,
      lastActiveDay: '2025-03-10',
      activeToday: true,
    });
  });

  it('when the last activity was yesterday, then the streak is still current because today may still count', () => {
    expect(computeStreak(['2025-03-08', '2025-03-09'], '2025-03-10')).toMatchObject({ current: 2, activeToday: false });
  });

  it('when a day was missed before today, then the current streak is zero but the longest is kept', () => {
    expect(computeStreak(['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-08'], '2025-03-10')).toMatchObject({ current: 0, longest: 3 });
  });

  it('when days repeat, come unordered or cross a month and a DST change, then they are counted once and in calendar order', () => {
    const days = ['2025-04-01', '2025-03-30', '2025-03-31', '2025-03-30', '2025-03-29'];
    expect(computeStreak(days, '2025-04-01')).toMatchObject({ current: 4, longest: 4, lastActiveDay: '2025-04-01' });
  });

  it('when a day is not a calendar date, then it throws instead of counting garbage', () => {
    expect(() => computeStreak(['10/03/2025'], '2025-03-10')).toThrow(RangeError);
  });
});
