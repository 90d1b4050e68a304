import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface LearnerProfile {
  readonly timeZone: string;
  readonly weeklyHours: number | null;
  readonly goalSkillId: string | null;
}

interface ProfileRow {
  time_zone: string;
  weekly_hours: number | null;
  goal_skill_id: string | null;
}

const toProfile = (row: ProfileRow): LearnerProfile => ({ timeZone: row.time_zone, weeklyHours: row.weekly_hours, goalSkillId: row.goal_skill_id });

/** The onboarding profile: what the learner told us about themselves (ADR 0060). */
@Injectable()
export class LearnerProfileRepository {
  async find(manager: EntityManager, learnerId: string): Promise<LearnerProfile | undefined> {
    const [row] = (await manager.query('SELECT time_zone, weekly_hours, goal_skill_id FROM learner_profiles WHERE learner_id = $1', [learnerId])) as ProfileRow[];
    return row ? toProfile(row) : undefined;
  }

  /** Locks the row until the transaction ends, so concurrent writers of one profile queue up. */
  async lock(manager: EntityManager, learnerId: string): Promise<LearnerProfile | undefined> {
    const [row] = (await manager.query('SELECT time_zone, weekly_hours, goal_skill_id FROM learner_profiles WHERE learner_id = $1 FOR UPDATE', [learnerId])) as ProfileRow[];
    return row ? toProfile(row) : undefined;
  }

  async save(manager: EntityManager, learnerId: string, profile: LearnerProfile): Promise<void> {
    await manager.query(
      `INSERT INTO learner_profiles (learner_id, time_zone, weekly_hours, goal_skill_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (learner_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, weekly_hours = EXCLUDED.weekly_hours,
         goal_skill_id = EXCLUDED.goal_skill_id, updated_at = now()`,
      [learnerId, profile.timeZone, profile.weeklyHours, profile.goalSkillId],
    );
  }

  async delete(manager: EntityManager, learnerId: string): Promise<void> {
    await manager.query('DELETE FROM learner_profiles WHERE learner_id = $1', [learnerId]);
  }

  async markOnboarded(manager: EntityManager, learnerId: string, onboardedAt: Date): Promise<void> {
    await manager.query('UPDATE learner_profiles SET onboarded_at = $2, updated_at = now() WHERE learner_id = $1', [learnerId, onboardedAt]);
  }
}
