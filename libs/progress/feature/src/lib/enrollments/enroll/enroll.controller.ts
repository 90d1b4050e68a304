import { enrollRequest, type EnrollRequest } from '@pathwise/contracts';
import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply } from 'fastify';
import { enrollmentResponse, enrollmentResponseOf, type EnrollmentResponse } from '../enrollment.response';
import { EnrollHandler } from './enroll.handler';

@ApiTags('enrollments')
@Authenticated()
@Controller('enrollments')
export class EnrollController {
  constructor(private readonly handler: EnrollHandler) {}

  @Post()
  @HttpCode(201)
  @Endpoint({
    summary: 'Enroll the caller in a roadmap',
    body: enrollRequest,
    responses: {
      201: enrollmentResponse,
      404: 'No published roadmap has this id or slug',
      409: 'Already enrolled, unenrolled earlier, or the roadmap is retired',
      422: 'Invalid body',
    },
  })
  async enroll(@Body() body: EnrollRequest, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<EnrollmentResponse> {
    const enrollment = await this.handler.execute({ learnerId: principal.subject, roadmapIdOrSlug: body.roadmapId }, new Date());
    const response = enrollmentResponseOf(enrollment);
    reply.header('location', `/enrollments/${encodeURIComponent(response.roadmapId)}`);
    return response;
  }
}
