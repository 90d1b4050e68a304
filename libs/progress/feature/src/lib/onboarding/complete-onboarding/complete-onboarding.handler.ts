import { Injectable } from '@nestjs/common';
import { LearnerOnboarded } from '@pathwise/contracts';
import { Outbox } from '@pathwise/platform/messaging';
import { EnrollmentNotFoundError } from '@pathwise/progress/domain';
import type { EntityManager } from 'typeorm';
import { EnrollmentRepository } from '../../event-store/enrollment.repository';
import { LearnerProfileRepository } from '../learner-profile/learner-profile.repository';
import { LearnerProfileNotFoundError } from '../onboarding.errors';

export interface CompleteOnboardingCommand {
  readonly learnerId: string;
  readonly roadmapId: string;
  readonly workflowId: string;
  /** Absent for runs started before runs were told apart: those count as one run per workflow. */
  readonly runId?: string;
}

export interface OnboardingRecord {
  readonly roadmapId: string;
  readonly workflowId: string;
  readonly onboardedAt: string;
  readonly knownSkills: number;
}

interface OnboardingRow {
  roadmap_id: string;
  workflow_id: string;
  onboarded_at: Date;
  known_skills: number;
}

const toRecord = (row: OnboardingRow): OnboardingRecord => ({
  roadmapId: row.roadmap_id,
  workflowId: row.workflow_id,
  onboardedAt: row.onboarded_at.toISOString(),
  knownSkills: row.known_skills,
});

/**
 * Records the onboarding run on the profile and appends LearnerOnboarded to the outbox, in the
 * caller's transaction. The run's row is the dedupe: a second completion of the same workflow run
 * finds it and appends nothing, whatever Idempotency-Key it carries; a later onboarding of the
 * learner (a new run of the same workflow id) is recorded and published again.
 */
@Injectable()
export class CompleteOnboardingHandler {
  constructor(
    private readonly profiles: LearnerProfileRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly outbox: Outbox,
  ) {}

  async execute(manager: EntityManager, command: CompleteOnboardingCommand, now: Date): Promise<OnboardingRecord> {
    // The profile lock orders completions of one learner, so their event versions never tie.
    if (!(await this.profiles.lock(manager, command.learnerId))) throw new LearnerProfileNotFoundError();
    const enrollment = await this.enrollments.load(manager, command.learnerId, command.roadmapId);
    if (!enrollment.exists) throw new EnrollmentNotFoundError();
    const runId = command.runId ?? '';
    const knownSkills = enrollment.state.skills.filter((skill) => skill.status === 'known' && enrollment.countsSkill(skill.skillId)).length;

    const inserted = (await manager.query(
      `INSERT INTO learner_onboardings (learner_id, workflow_id, run_id, roadmap_id, known_skills, onboarded_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING roadmap_id, workflow_id, onboarded_at, known_skills`,
      [command.learnerId, command.workflowId, runId, enrollment.state.roadmapId, knownSkills, now],
    )) as OnboardingRow[];
    const [row] = inserted;
    if (!row) {
      const [first] = (await manager.query(
        'SELECT roadmap_id, workflow_id, onboarded_at, known_skills FROM learner_onboardings WHERE learner_id = $1 AND workflow_id = $2 AND run_id = $3',
        [command.learnerId, command.workflowId, runId],
      )) as OnboardingRow[];
      return toRecord(first as OnboardingRow);
    }

    await this.profiles.markOnboarded(manager, command.learnerId, now);
    // Onboardings are never deleted, so their count only grows: a usable version for the learner key.
    const [{ count }] = (await manager.query('SELECT count(*)::int AS count FROM learner_onboardings WHERE learner_id = $1', [command.learnerId])) as [{ count: number }];
    const record = toRecord(row);
    await this.outbox.append(manager, LearnerOnboarded, {
      subject: command.learnerId,
      aggregateVersion: count,
      time: now,
      data: { learnerId: command.learnerId, roadmapId: record.roadmapId, onboardedAt: record.onboardedAt, knownSkills },
    });
    return record;
  }
}
