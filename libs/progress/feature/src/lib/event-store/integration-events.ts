import { LearnerEnrolled, LearnerUnenrolled, RoadmapCompleted, SkillStatusChanged, type EventContract } from '@pathwise/contracts';
import type { EnrollmentEvent, SkillStatusChange } from '@pathwise/progress/domain';

export interface IntegrationEvent {
  readonly contract: EventContract;
  readonly aggregateVersion: number;
  readonly data: Record<string, unknown>;
  readonly time: Date;
}

/** Which enrollment the events belong to, as every contract names it. */
export interface EnrollmentRef {
  readonly enrollmentId: string;
  readonly learnerId: string;
  readonly roadmapId: string;
}

/**
 * What other services learn from an append. Domain events stay private to the event store (their
 * shape may change with a snapshot schema); these are the published contracts, which only grow.
 * `RoadmapVersionAdopted` has no contract yet: consumers see its effect on the next status change.
 * `statusChanges` are the aggregate's own record of what each status event replaced
 * (`Enrollment.pendingStatusChanges`), since the stored events do not all carry it.
 */
export function integrationEvents(ref: EnrollmentRef, events: readonly EnrollmentEvent[], statusChanges: readonly SkillStatusChange[]): IntegrationEvent[] {
  const changes = new Map(statusChanges.map((change) => [change.version, change]));
  return events.flatMap((event): IntegrationEvent[] => {
    const base = { aggregateVersion: event.version, time: new Date(event.occurredAt) };
    switch (event.type) {
      case 'Enrolled':
        return [{ ...base, contract: LearnerEnrolled, data: { ...ref, roadmapVersion: event.data.roadmapVersion, enrolledAt: event.occurredAt } }];
      case 'RoadmapCompleted':
        return [{ ...base, contract: RoadmapCompleted, data: { ...ref, completedAt: event.occurredAt } }];
      case 'Unenrolled':
        return [{ ...base, contract: LearnerUnenrolled, data: { ...ref, unenrolledAt: event.occurredAt } }];
      case 'RoadmapVersionAdopted':
        return [];
      default: {
        const change = changes.get(event.version);
        if (!change) return [];
        const { skillId, status, previousStatus, source, changedAt } = change;
        return [{ ...base, contract: SkillStatusChanged, data: { ...ref, skillId, status, previousStatus, source: source ?? 'learner', changedAt } }];
      }
    }
  });
}
