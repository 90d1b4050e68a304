import { Body, Controller, Delete, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { internalEnrollmentParams, internalEnrollRequest, internalEnrollResponse, internalLearnerParams } from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, RequireRoles, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { IdempotentRequests, INTERNAL_IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotent-requests';
import { InternalEnrollmentsHandler, type InternalEnrollResult } from './internal-enrollments.handler';

@ApiTags('internal')
@Authenticated()
@RequireRoles('service')
@ApiHeader(INTERNAL_IDEMPOTENCY_KEY_HEADER)
@Controller('internal/learners/:learnerId/enrollments')
export class InternalEnrollmentsController {
  constructor(
    private readonly handler: InternalEnrollmentsHandler,
    private readonly requests: IdempotentRequests,
  ) {}

  @Post()
  @HttpCode(201)
  @Endpoint({
    summary: 'Onboarding: enroll the learner (201 created; 200 when they were enrolled before)',
    params: internalLearnerParams,
    body: internalEnrollRequest,
    responses: {
      201: internalEnrollResponse,
      200: internalEnrollResponse,
      404: 'No published roadmap has this id or slug',
      409: 'The learner unenrolled from this roadmap earlier, or the roadmap is retired',
    },
  })
  async enroll(
    @Param() params: z.infer<typeof internalLearnerParams>,
    @Body() body: z.infer<typeof internalEnrollRequest>,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InternalEnrollResult> {
    const answer = await this.requests.run({ learnerId: params.learnerId, key, operation: 'POST enrollments', payload: body }, async (manager) => {
      const result = await this.handler.enrollLearner(manager, params.learnerId, body.roadmapId, principal.subject, new Date());
      return { status: result.created ? 201 : 200, body: result };
    });
    reply.status(answer.status);
    return answer.body;
  }

  @Delete(':roadmapId')
  @HttpCode(204)
  @Endpoint({ summary: 'Onboarding compensation: unenroll the learner (idempotent: already gone is 204)', params: internalEnrollmentParams, responses: { 204: 'Unenrolled', 422: 'Idempotency-Key missing or malformed' } })
  async unenroll(@Param() params: z.infer<typeof internalEnrollmentParams>, @Headers('idempotency-key') key: string | undefined, @CurrentPrincipal() principal: Principal): Promise<void> {
    await this.requests.run({ learnerId: params.learnerId, key, operation: 'DELETE enrollment', payload: params }, async (manager) => {
      await this.handler.unenrollLearner(manager, params.learnerId, params.roadmapId, principal.subject, new Date());
      return { status: 204, body: null };
    });
  }
}
