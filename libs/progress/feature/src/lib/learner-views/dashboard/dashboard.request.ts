import { z } from 'zod';

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'must be an IANA time zone such as Europe/Paris')
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris');

export const dashboardQuery = z.strictObject({
  timeZone: timeZone.default('UTC').describe('Where the learner is: streak days follow its midnights'),
});

export type DashboardQuery = z.infer<typeof dashboardQuery>;
