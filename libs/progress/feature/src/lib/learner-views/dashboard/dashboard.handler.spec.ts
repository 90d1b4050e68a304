import { dashboardQuery } from '@pathwise/contracts';
import { localDay } from './dashboard.handler';

describe('localDay', () => {
  it('when the same instant is seen from Auckland, London and Los Angeles, then each names its own calendar day', () => {
    const instant = new Date('2025-03-10T23:30:00.000Z');
    expect([localDay(instant, 'Pacific/Auckland'), localDay(instant, 'Europe/London'), localDay(instant, 'America/Los_Angeles')]).toEqual(['2025-03-11', '2025-03-10', '2025-03-10']);
  });
});

describe('dashboard query', () => {
  it('when the time zone is missing, unknown or injected text, then it is left to the profile or refused', () => {
    expect(dashboardQuery.parse({})).toEqual({});
    expect(dashboardQuery.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(dashboardQuery.safeParse({ timeZone: "UTC'; DROP TABLE event_store; --" }).success).toBe(false);
  });
});
