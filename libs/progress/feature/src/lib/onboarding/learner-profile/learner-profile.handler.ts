import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LearnerProfileRepository, type LearnerProfile } from './learner-profile.repository';

/** Sets or removes the learner's profile; setting answers the one it replaced, for the saga's compensation. */
@Injectable()
export class LearnerProfileHandler {
  constructor(private readonly profiles: LearnerProfileRepository) {}

  async put(manager: EntityManager, learnerId: string, profile: LearnerProfile): Promise<{ previous: LearnerProfile | null }> {
    // Locked, so two writers cannot both report the same previous profile.
    const previous = await this.profiles.lock(manager, learnerId);
    await this.profiles.save(manager, learnerId, profile);
    return { previous: previous ?? null };
  }

  async delete(manager: EntityManager, learnerId: string): Promise<void> {
    await this.profiles.delete(manager, learnerId);
  }
}
