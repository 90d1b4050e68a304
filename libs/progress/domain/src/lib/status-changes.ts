import type { EnrollmentEvent, KnownSource, SkillStatus } from './enrollment.events';

export interface SkillStatusChange {
  readonly version: number;
  readonly skillId: string;
  readonly status: SkillStatus;
  readonly previousStatus: SkillStatus;
  readonly source?: KnownSource;
  readonly changedAt: string;
}

const STATUS_OF: Partial<Record<EnrollmentEvent['type'], SkillStatus>> = {
  SkillStarted: 'in-progress',
  SkillCompleted: 'completed',
  SkillSkipped: 'skipped',
  SkillReset: 'pending',
  SkillMarkedKnown: 'known',
};

/**
 * The skill status changes a run of events makes, each with the status it replaced. Only
 * `SkillReset` carries its previous status, so the others are derived from `statusBefore` (the
 * statuses before the first event) and the changes earlier in the run.
 */
export function skillStatusChanges(statusBefore: (skillId: string) => SkillStatus | undefined, events: readonly EnrollmentEvent[]): SkillStatusChange[] {
  const seen = new Map<string, SkillStatus>();
  const changes: SkillStatusChange[] = [];
  for (const event of events) {
    const status = STATUS_OF[event.type];
    if (!status) continue;
    const { skillId } = event.data as { skillId: string };
    const previousStatus = event.type === 'SkillReset' ? event.data.previousStatus : (seen.get(skillId) ?? statusBefore(skillId) ?? 'pending');
    seen.set(skillId, status);
    changes.push({
      version: event.version,
      skillId,
      status,
      previousStatus,
      ...(event.type === 'SkillMarkedKnown' ? { source: event.data.source } : {}),
      changedAt: event.occurredAt,
    });
  }
  return changes;
}
