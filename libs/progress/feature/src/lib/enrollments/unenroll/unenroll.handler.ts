import { Injectable } from '@nestjs/common';
import type { Enrollment } from '@pathwise/progress/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { EnrollmentRepository } from '../../event-store/enrollment.repository';

export interface UnenrollCommand {
  readonly learnerId: string;
  readonly roadmapId: string;
}

/** Closes the enrollment; its history stays. Repeating it is a no-op (the saga compensates with it). */
@Injectable()
export class UnenrollHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  async execute(command: UnenrollCommand, now: Date): Promise<Enrollment> {
    return this.dataSource.transaction((manager) => this.executeIn(manager, command, now));
  }

  /** The same use case inside a transaction the caller owns. */
  async executeIn(manager: EntityManager, command: UnenrollCommand, now: Date, actor = command.learnerId): Promise<Enrollment> {
    const enrollment = await this.enrollments.load(manager, command.learnerId, command.roadmapId);
    enrollment.unenroll(now);
    await this.enrollments.save(manager, enrollment, { actor });
    return enrollment;
  }
}
