import { LearnerEnrolled, LearnerUnenrolled, RoadmapCompleted, SkillStatusChanged, type EventContract } from '@pathwise/contracts';
import { skillStatusChanges, type Enrollment, type EnrollmentEvent, type SkillStatus } from '@pathwise/progress/domain';

export interface IntegrationEvent {
  readonly contract: EventContract;
  readonly aggregateVersion: number;
  readonly data: Record<string, unknown>;
  readonly time: Date;
}

/**
 * What other services learn from an append. Domain events stay private to the event store (their
 * shape may change with a snapshot schema); these are the published contracts, which only grow.
 * `RoadmapVersionAdopted` has no contract yet: consumers see its effect on the next status change.
 */
export function integrationEvents(enrollment: Enrollment, statusBefore: (skillId: string) => SkillStatus | undefined, events: readonly EnrollmentEvent[]): IntegrationEvent[] {
  const { learnerId, roadmapId } = enrollment.state;
  const ref = { enrollmentId: enrollment.id, learnerId, roadmapId };
  const changes = new Map(skillStatusChanges(statusBefore, events).map((change) => [change.version, change]));
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
