import { explain, type Reason } from './reasons';

describe('explain', () => {
  it('when prerequisites, priority, unlocks and market demand are reasons, then they read as one sentence', () => {
    const reasons: Reason[] = [
      { code: 'PREREQUISITES_MET', values: { done: 2, total: 2 } },
      { code: 'PRIORITY', values: { priority: 'essential', roadmapTitle: 'Backend Engineer' } },
      { code: 'UNLOCKS', values: { direct: 4, total: 4 } },
      { code: 'MARKET_DEMAND', values: { level: 'high', source: 'Stack Overflow survey', asOf: '2025-01-01' } },
    ];
    expect(explain(reasons)).toBe('All 2 prerequisites done; essential in Backend Engineer; unlocks 4 skills; market demand high (Stack Overflow survey, 2025-01-01).');
  });

  it('when counts are one, then nouns are singular', () => {
    const reasons: Reason[] = [
      { code: 'PREREQUISITES_MET', values: { done: 1, total: 1 } },
      { code: 'UNLOCKS', values: { direct: 1, total: 1 } },
    ];
    expect(explain(reasons)).toBe('Prerequisite done; unlocks 1 skill.');
  });

  it('when a skill unlocks more skills through others than directly, then both counts are given', () => {
    expect(explain([{ code: 'UNLOCKS', values: { direct: 1, total: 3 } }])).toBe('Unlocks 1 skill directly, 3 in all.');
    expect(explain([{ code: 'UNLOCKS', values: { direct: 2, total: 5 } }])).toBe('Unlocks 2 skills directly, 5 in all.');
  });

  it('when the skill is started and has no prerequisites, then the sentence starts with that and names the stage', () => {
    const reasons: Reason[] = [
      { code: 'IN_PROGRESS', values: {} },
      { code: 'NO_PREREQUISITES', values: {} },
      { code: 'STAGE', values: { stageTitle: 'Authentication, Authorization & Security', position: 5 } },
    ];
    expect(explain(reasons)).toBe('Already in progress; no prerequisites; stage 5: Authentication, Authorization & Security.');
  });

  it('when a signal has no source or date, then no parenthesis is written; with only one, only that one', () => {
    const reasons: Reason[] = [
      { code: 'IMPORTANCE', values: { level: 'medium' } },
      { code: 'AUTOMATION_RISK', values: { level: 'low', asOf: '2026-11-21' } },
    ];
    expect(explain(reasons)).toBe('Importance medium; automation risk low (2026-11-21).');
  });

  it('when adjacent signals come from one reading, then they share one clause and name the source once', () => {
    const reading = { source: 'Survey', asOf: '2026-11-21' };
    const reasons: Reason[] = [
      { code: 'IMPORTANCE', values: { level: 'high', ...reading } },
      { code: 'MARKET_DEMAND', values: { level: 'high', ...reading } },
      { code: 'AUTOMATION_RISK', values: { level: 'low', ...reading } },
    ];
    expect(explain(reasons)).toBe('Importance high, market demand high and automation risk low (Survey, 2026-11-21).');
    expect(explain(reasons.slice(1))).toBe('Market demand high and automation risk low (Survey, 2026-11-21).');
    expect(explain([reasons[0], { code: 'MARKET_DEMAND', values: { level: 'low', source: 'Survey' } }, reasons[2]])).toBe(
      'Importance high (Survey, 2026-11-21); market demand low (Survey); automation risk low (Survey, 2026-11-21).',
    );
  });

  it('when a goal path step waits on earlier steps, then it says how many are done and how many come first', () => {
    expect(explain([{ code: 'GOAL', values: {} }, { code: 'PREREQUISITES_EARLIER_IN_PATH', values: { done: 1, total: 3, earlier: 2 } }])).toBe(
      'The goal itself; 1 of 3 prerequisites done, 2 earlier in this path.',
    );
    expect(
      explain([
        { code: 'LEADS_TO_GOAL', values: { goalSkillId: 'skill:kubernetes', goalName: 'Kubernetes' } },
        { code: 'SKIPPED', values: {} },
        { code: 'PREREQUISITES_EARLIER_IN_PATH', values: { done: 0, total: 1, earlier: 1 } },
      ]),
    ).toBe('Needed for Kubernetes; skipped before; prerequisite earlier in this path.');
    expect(explain([{ code: 'PREREQUISITES_EARLIER_IN_PATH', values: { done: 0, total: 2, earlier: 2 } }])).toBe('All 2 prerequisites earlier in this path.');
  });
});
