export interface Streak {
  /** Days in a row with progress, ending today or yesterday (today may still bring progress). */
  readonly current: number;
  readonly longest: number;
  /** The most recent local day with progress, `YYYY-MM-DD`. */
  readonly lastActiveDay: string | null;
  readonly activeToday: boolean;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a calendar day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`) / DAY_MS;
}

/**
 * Streaks over local calendar days (`YYYY-MM-DD` in the learner's time zone). Days are compared
 * as calendar dates, not as 24-hour spans, so DST changes and time zones never split or merge a day.
 */
export function computeStreak(activeDays: readonly string[], today: string): Streak {
  const days = [...new Set(activeDays.map(dayNumber))].sort((a, b) => a - b);
  const todayNumber = dayNumber(today);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < days.length; i += 1) {
    run = i > 0 && days[i] === (days[i - 1] as number) + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  }
  const last = days.at(-1);
  // `run` is the streak ending at the last active day; it is current only if that day is today or yesterday.
  const current = last !== undefined && last <= todayNumber && todayNumber - last <= 1 ? run : 0;
  const lastActiveDay = last === undefined ? null : new Date(last * DAY_MS).toISOString().slice(0, 10);
  return { current, longest, lastActiveDay, activeToday: last === todayNumber };
}
