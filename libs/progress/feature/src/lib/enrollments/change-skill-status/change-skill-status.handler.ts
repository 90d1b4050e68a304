import { Injectable } from '@nestjs/common';
import { EnrollmentNotFoundError, EnrollmentVersionConflictError, InvalidCommandError, type Enrollment, type SkillStatus } from '@pathwise/progress/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { EnrollmentRepository } from '../../event-store/enrollment.repository';

export interface ChangeSkillStatusCommand {
  readonly learnerId: string;
  readonly roadmapId: string;
  readonly skillId: string;
  readonly status: SkillStatus;
  readonly expectedVersion?: number;
  readonly evidenceRef?: string;
}

export interface SkillStatusChanged {
  readonly enrollment: Enrollment;
  /** Other enrollments of the learner where the same skill was completed by this command. */
  readonly alsoCompletedIn: readonly string[];
}

/**
 * Changes one skill's status in one enrollment. Completing a skill also completes it in every
 * other open enrollment of the learner that counts it — as events in those streams, in the same
 * transaction, so the learner never sees the skill done in one roadmap and pending in another.
 */
@Injectable()
export class ChangeSkillStatusHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  async execute(command: ChangeSkillStatusCommand, now: Date): Promise<SkillStatusChanged> {
    if (command.evidenceRef !== undefined && command.status !== 'known') {
      throw new InvalidCommandError('evidenceRef goes only with status known', { field: 'evidenceRef' });
    }
    return this.dataSource.transaction(async (manager) => {
      const enrollment = await this.enrollments.load(manager, command.learnerId, command.roadmapId);
      if (!enrollment.exists) throw new EnrollmentNotFoundError();
      // Checked before any rule so a stale client learns it is stale; the append re-checks atomically.
      if (command.expectedVersion !== undefined && command.expectedVersion !== enrollment.version) {
        throw new EnrollmentVersionConflictError(command.expectedVersion, enrollment.version);
      }
      apply(enrollment, command, now);
      const metadata = { actor: command.learnerId };
      await this.enrollments.save(manager, enrollment, metadata);
      const alsoCompletedIn = command.status === 'completed' ? await this.completeElsewhere(manager, enrollment, command, now) : [];
      return { enrollment, alsoCompletedIn };
    });
  }

  private async completeElsewhere(manager: EntityManager, origin: Enrollment, command: ChangeSkillStatusCommand, now: Date): Promise<string[]> {
    const completedIn: string[] = [];
    const refs = await this.enrollments.openEnrollmentsOfLearner(manager, command.learnerId, origin.id);
    const others = await this.enrollments.loadStreams(manager, refs.map((ref) => ref.streamId));
    for (const [index, ref] of refs.entries()) {
      const other = others[index] as Enrollment;
      // `other` exists: its index row was inserted with its Enrolled event, and events are never
      // deleted. It can still be closed: under
      // READ COMMITTED the load is a later snapshot than the index read, and an unenroll that
      // commits in between would otherwise fail this command with "enrollment closed".
      if (other.closed || !other.countsSkill(command.skillId)) continue;
      other.completeSkill(command.skillId, now);
      if (other.pendingEvents.length === 0) continue;
      await this.enrollments.save(manager, other, { actor: command.learnerId, causationId: `${origin.id}@${origin.version}` });
      completedIn.push(ref.roadmapId);
    }
    return completedIn;
  }
}

function apply(enrollment: Enrollment, command: ChangeSkillStatusCommand, now: Date): void {
  switch (command.status) {
    case 'in-progress':
      return enrollment.startSkill(command.skillId, now);
    case 'completed':
      return enrollment.completeSkill(command.skillId, now);
    case 'skipped':
      return enrollment.skipSkill(command.skillId, now);
    case 'pending':
      return enrollment.resetSkill(command.skillId, now);
    case 'known':
      return enrollment.markSkillKnown(command.skillId, { source: 'learner-claim', ...(command.evidenceRef ? { evidenceRef: command.evidenceRef } : {}) }, now);
  }
}
