import type { SignalLevel, SkillPriority } from './roadmap-graph';

type NoValues = Readonly<Record<string, never>>;
export type SignalCode = 'IMPORTANCE' | 'MARKET_DEMAND' | 'AUTOMATION_RISK';
type SignalValues = { readonly level: SignalLevel; readonly source?: string; readonly asOf?: string };

/**
 * Why a skill is suggested, as data a client can render or translate itself; `explanation`
 * is the English rendering of the same list and says nothing the list does not.
 */
export type Reason =
  | { readonly code: 'GOAL'; readonly values: NoValues }
  | { readonly code: 'LEADS_TO_GOAL'; readonly values: { readonly goalSkillId: string; readonly goalName: string } }
  | { readonly code: 'IN_PROGRESS'; readonly values: NoValues }
  | { readonly code: 'SKIPPED'; readonly values: NoValues }
  | { readonly code: 'NO_PREREQUISITES'; readonly values: NoValues }
  | { readonly code: 'PREREQUISITES_MET'; readonly values: { readonly done: number; readonly total: number } }
  | { readonly code: 'PREREQUISITES_EARLIER_IN_PATH'; readonly values: { readonly done: number; readonly total: number; readonly earlier: number } }
  | { readonly code: 'PRIORITY'; readonly values: { readonly priority: SkillPriority; readonly roadmapTitle: string } }
  | { readonly code: 'STAGE'; readonly values: { readonly stageTitle: string; readonly position: number } }
  | { readonly code: 'UNLOCKS'; readonly values: { readonly direct: number; readonly total: number } }
  | { readonly code: SignalCode; readonly values: SignalValues };

export type ReasonCode = Reason['code'];

/**
 * One sentence, one clause per reason in list order: "All 2 prerequisites done; essential in
 * Backend Engineer; …". Adjacent signals read from the same source on the same day share one
 * clause and name it once, since seeded skills carry all three from one reading.
 */
export function explain(reasons: readonly Reason[]): string {
  const clauses: string[] = [];
  for (let i = 0; i < reasons.length; i += 1) {
    const reason = reasons[i];
    if (!isSignal(reason)) {
      clauses.push(clause(reason));
      continue;
    }
    const readings = [reason];
    for (let next = reasons[i + 1]; isSignal(next) && sameProvenance(next, reason); next = reasons[i + 1]) {
      readings.push(next);
      i += 1;
    }
    clauses.push(signals(readings));
  }
  const sentence = clauses.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

type SignalReason = Extract<Reason, { readonly code: SignalCode }>;
const SIGNAL_LABELS: Readonly<Record<SignalCode, string>> = { IMPORTANCE: 'importance', MARKET_DEMAND: 'market demand', AUTOMATION_RISK: 'automation risk' };

function isSignal(reason: Reason | undefined): reason is SignalReason {
  return reason !== undefined && reason.code in SIGNAL_LABELS;
}

function sameProvenance(a: SignalReason, b: SignalReason): boolean {
  return a.values.source === b.values.source && a.values.asOf === b.values.asOf;
}

/** "importance high, market demand high and automation risk low (Survey, 2025-01-01)". */
function signals(readings: readonly SignalReason[]): string {
  const levels = readings.map((reading) => `${SIGNAL_LABELS[reading.code]} ${reading.values.level}`);
  const listed = levels.length === 1 ? levels[0] : `${levels.slice(0, -1).join(', ')} and ${levels.at(-1)}`;
  const { source, asOf } = readings[0].values;
  const provenance = [source, asOf].filter((part) => part !== undefined && part !== '');
  return provenance.length === 0 ? listed : `${listed} (${provenance.join(', ')})`;
}

function clause(reason: Exclude<Reason, SignalReason>): string {
  switch (reason.code) {
    case 'GOAL':
      return 'the goal itself';
    case 'LEADS_TO_GOAL':
      return `needed for ${reason.values.goalName}`;
    case 'IN_PROGRESS':
      return 'already in progress';
    case 'SKIPPED':
      return 'skipped before';
    case 'NO_PREREQUISITES':
      return 'no prerequisites';
    case 'PREREQUISITES_MET':
      return reason.values.total === 1 ? 'prerequisite done' : `all ${reason.values.total} prerequisites done`;
    case 'PREREQUISITES_EARLIER_IN_PATH': {
      const { done, total, earlier } = reason.values;
      if (done > 0) return `${done} of ${total} prerequisites done, ${earlier} earlier in this path`;
      return earlier === 1 ? 'prerequisite earlier in this path' : `all ${earlier} prerequisites earlier in this path`;
    }
    case 'PRIORITY':
      return `${reason.values.priority} in ${reason.values.roadmapTitle}`;
    case 'STAGE':
      return `stage ${reason.values.position}: ${reason.values.stageTitle}`;
    case 'UNLOCKS': {
      const { direct, total } = reason.values;
      return direct === total ? `unlocks ${count(total, 'skill')}` : `unlocks ${count(direct, 'skill')} directly, ${total} in all`;
    }
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
