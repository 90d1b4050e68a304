import { enrollmentParams } from '@pathwise/contracts';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { EnrollmentNotFoundError } from '@pathwise/progress/domain';
import type { FastifyReply } from 'fastify';
import { ProgressReadRepository } from '../../projections/progress-read.repository';
import { enrollmentSummaryResponse, toEnrollmentSummaryResponse, type EnrollmentSummaryResponse } from '../enrollment.response';

@ApiTags('enrollments')
@Authenticated()
@Controller('enrollments')
export class GetEnrollmentController {
  constructor(private readonly reads: ProgressReadRepository) {}

  @Get(':roadmapId')
  @Endpoint({
    summary: "One of the caller's enrollments: done / total per stage and overall",
    description: 'Read model; it trails a command by the projection lag. The command answers carry the up-to-date state.',
    params: enrollmentParams,
    responses: { 200: enrollmentSummaryResponse, 404: 'The caller is not enrolled in this roadmap' },
  })
  async get(
    @Param() params: { roadmapId: string },
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnrollmentSummaryResponse> {
    const row = await this.reads.enrollmentOf(principal.subject, params.roadmapId);
    // Another learner's enrollment is simply not among this learner's rows: 404, never 403.
    if (!row) throw new EnrollmentNotFoundError();
    reply.header('etag', `"${row.version}"`);
    return toEnrollmentSummaryResponse(row);
  }
}
