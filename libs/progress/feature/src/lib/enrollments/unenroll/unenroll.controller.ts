import { enrollmentParams } from '@pathwise/contracts';
import { Controller, Delete, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { enrollmentResponse, enrollmentResponseOf, type EnrollmentResponse } from '../enrollment.response';
import { UnenrollHandler } from './unenroll.handler';

@ApiTags('enrollments')
@Authenticated()
@Controller('enrollments')
export class UnenrollController {
  constructor(private readonly handler: UnenrollHandler) {}

  @Delete(':roadmapId')
  @Endpoint({
    summary: "Leave a roadmap; the caller's history is kept",
    params: enrollmentParams,
    responses: { 200: enrollmentResponse, 404: 'The caller is not enrolled in this roadmap' },
  })
  async unenroll(@Param() params: { roadmapId: string }, @CurrentPrincipal() principal: Principal): Promise<EnrollmentResponse> {
    return enrollmentResponseOf(await this.handler.execute({ learnerId: principal.subject, roadmapId: params.roadmapId }, new Date()));
  }
}
