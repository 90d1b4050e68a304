import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { changeSkillStatusParams, changeSkillStatusRequest, dashboardQuery, dashboardResponse, enrollmentParams, enrollRequest, exportQuery, timelineQuery, timelineResponse } from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DownstreamClient } from '../../downstream/downstream-client';
import { InjectProgress } from '../../downstream/downstream.module';
import { Idempotent } from '../../idempotency/idempotency.interceptor';
import { queryString, segment } from '../api.request';
import { proxy } from '../proxy';

/** From a new enrollment to reading it, changing a skill in it and leaving it (OpenAPI links). */
const enrolled = { roadmapId: '$response.body#/roadmapId' };
const ENROLLED_LINKS = {
  201: {
    GetEnrollment: { operationId: 'ProgressController_get', parameters: enrolled },
    ChangeSkillStatus: { operationId: 'ProgressController_setSkillStatus', parameters: enrolled },
    Unenroll: { operationId: 'ProgressController_unenroll', parameters: enrolled },
  },
};

/**
 * The learner's own progress. No route takes a learner id: the progress service reads it from
 * the token the gateway mints, so one learner can never name another's data (API1:2023).
 */
@ApiTags('progress')
@Controller('v1')
@Authenticated()
export class ProgressController {
  constructor(@InjectProgress() private readonly progress: DownstreamClient) {}

  @Post('enrollments')
  @Idempotent()
  @Endpoint({ summary: 'Enroll in a roadmap', body: enrollRequest, responses: { 201: 'The enrollment, with Location', 404: 'No such roadmap', 409: 'Already enrolled' }, links: ENROLLED_LINKS })
  enroll(@Body() body: z.infer<typeof enrollRequest>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.progress, request, reply, { method: 'POST', path: '/enrollments', principal, body });
  }

  @Get('enrollments')
  @Endpoint({ summary: 'My enrollments' })
  list(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.progress, request, reply, { method: 'GET', path: '/enrollments', principal });
  }

  @Get('enrollments/:roadmapId')
  @Endpoint({ summary: 'My progress in one roadmap', params: enrollmentParams, responses: { 200: 'The enrollment with skill statuses', 404: 'Not enrolled' } })
  get(@Param() params: z.infer<typeof enrollmentParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.progress, request, reply, { method: 'GET', path: `/enrollments/${segment(params.roadmapId)}`, principal });
  }

  @Delete('enrollments/:roadmapId')
  @Endpoint({ summary: 'Leave a roadmap (the history is kept)', params: enrollmentParams, responses: { 200: 'The enrollment, now closed', 404: 'Not enrolled' } })
  unenroll(@Param() params: z.infer<typeof enrollmentParams>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.progress, request, reply, { method: 'DELETE', path: `/enrollments/${segment(params.roadmapId)}`, principal });
  }

  @Put('enrollments/:roadmapId/skills/:skillId')
  @Endpoint({
    summary: 'Set the status of a skill (in-progress, completed, skipped, pending, known)',
    description: 'PUT sets the status, so a retry has the same effect; `expectedVersion` guards against lost updates (409).',
    params: changeSkillStatusParams,
    body: changeSkillStatusRequest,
    responses: { 200: 'The enrollment', 404: 'Not enrolled or no such skill', 409: 'Version conflict', 422: 'Invalid status or prerequisites not met' },
  })
  setSkillStatus(@Param() params: z.infer<typeof changeSkillStatusParams>, @Body() body: z.infer<typeof changeSkillStatusRequest>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.progress, request, reply, { method: 'PUT', path: `/enrollments/${segment(params.roadmapId)}/skills/${segment(params.skillId)}`, principal, body });
  }

  @Get('timeline')
  @Endpoint({ summary: 'My learning timeline, newest first (cursor: `before`)', query: timelineQuery, responses: { 200: timelineResponse } })
  timeline(@Query() query: z.infer<typeof timelineQuery>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.progress, request, reply, { method: 'GET', path: `/timeline${queryString(query)}`, principal });
  }

  @Get('dashboard')
  @Endpoint({ summary: 'My progress dashboard (progress service only)', query: dashboardQuery, responses: { 200: dashboardResponse } })
  dashboard(@Query() query: z.infer<typeof dashboardQuery>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.progress, request, reply, { method: 'GET', path: `/dashboard${queryString(query)}`, principal });
  }

  @Get('export')
  @ApiProduces('application/json', 'text/csv')
  @Endpoint({ summary: 'Export my progress as JSON or CSV', query: exportQuery, responses: { 200: 'The export: JSON, or CSV (one row per skill) with format=csv' } })
  export(@Query() query: z.infer<typeof exportQuery>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.progress, request, reply, { method: 'GET', path: `/export${queryString(query)}`, principal });
  }
}
