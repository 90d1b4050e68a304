import { Injectable } from '@nestjs/common';
import type { Enrollment } from '@pathwise/progress/domain';
import { DataSource } from 'typeorm';
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
    return this.dataSource.transaction(async (manager) => {
      const enrollment = await this.enrollments.load(manager, command.learnerId, command.roadmapId);
      enrollment.unenroll(now);
      await this.enrollments.save(manager, enrollment, { actor: command.learnerId });
      return enrollment;
    });
  }
}
