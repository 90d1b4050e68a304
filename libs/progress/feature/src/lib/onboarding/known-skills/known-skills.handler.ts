import { Injectable } from '@nestjs/common';
import { EnrollmentNotFoundError, type SkillStatus } from '@pathwise/progress/domain';
import type { EntityManager } from 'typeorm';
import { EnrollmentRepository } from '../../event-store/enrollment.repository';

type RevertibleStatus = Exclude<SkillStatus, 'completed' | 'known'>;

export interface KnownSkillChange {
  readonly skillId: string;
  readonly previousStatus: RevertibleStatus;
}

export interface KnownSkillsCommand {
  readonly learnerId: string;
  readonly roadmapId: string;
  readonly actor: string;
}

/**
 * Marks resume skills known in one enrollment, and puts them back: one load, one append, one
 * transaction each. Only the source `resume-analysis` is ever reverted (see the aggregate).
 */
@Injectable()
export class KnownSkillsHandler {
  constructor(private readonly enrollments: EnrollmentRepository) {}

  async mark(
    manager: EntityManager,
    command: KnownSkillsCommand,
    skills: readonly { skillId: string; evidenceRef: string }[],
    now: Date,
  ): Promise<{ changed: KnownSkillChange[]; notInRoadmap: string[] }> {
    const enrollment = await this.enrollments.load(manager, command.learnerId, command.roadmapId);
    if (!enrollment.exists) throw new EnrollmentNotFoundError();
    const changed: KnownSkillChange[] = [];
    const notInRoadmap: string[] = [];
    for (const { skillId, evidenceRef } of skills) {
      // A resume names skills of every roadmap; this one counts only some of them.
      if (!enrollment.countsSkill(skillId)) {
        notInRoadmap.push(skillId);
        continue;
      }
      const previousStatus = enrollment.markSkillKnownUnlessReached(skillId, { source: 'resume-analysis', evidenceRef }, now);
      if (previousStatus !== undefined) changed.push({ skillId, previousStatus: previousStatus as RevertibleStatus });
    }
    await this.enrollments.save(manager, enrollment, { actor: command.actor });
    return { changed, notInRoadmap };
  }

  async revert(manager: EntityManager, command: KnownSkillsCommand, changes: readonly KnownSkillChange[], now: Date): Promise<{ reverted: string[]; leftAlone: string[] }> {
    const enrollment = await this.enrollments.load(manager, command.learnerId, command.roadmapId);
    // Compensating an enrollment that is gone or closed has nothing left to restore.
    if (!enrollment.exists || enrollment.closed) return { reverted: [], leftAlone: changes.map((change) => change.skillId) };
    const reverted: string[] = [];
    const leftAlone: string[] = [];
    for (const { skillId, previousStatus } of changes) {
      const restored = enrollment.countsSkill(skillId) && enrollment.revertKnownSkill(skillId, previousStatus, 'resume-analysis', now);
      (restored ? reverted : leftAlone).push(skillId);
    }
    await this.enrollments.save(manager, enrollment, { actor: command.actor });
    return { reverted, leftAlone };
  }
}
