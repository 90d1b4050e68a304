import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  internalEnrollmentParams,
  markKnownSkillsRequest,
  markKnownSkillsResponse,
  revertKnownSkillsRequest,
  revertKnownSkillsResponse,
  type MarkKnownSkillsRequest,
  type RevertKnownSkillsRequest,
} from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, RequireRoles, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { z } from 'zod';
import { IdempotentRequests, INTERNAL_IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotent-requests';
import { KnownSkillsHandler } from './known-skills.handler';

type Params = z.infer<typeof internalEnrollmentParams>;

@ApiTags('internal')
@Authenticated()
@RequireRoles('service')
@ApiHeader(INTERNAL_IDEMPOTENCY_KEY_HEADER)
@Controller('internal/learners/:learnerId/enrollments/:roadmapId/known-skills')
export class KnownSkillsController {
  constructor(
    private readonly handler: KnownSkillsHandler,
    private readonly requests: IdempotentRequests,
  ) {}

  @Post()
  @HttpCode(200)
  @Endpoint({
    summary: 'Onboarding: mark resume skills known (source resume-analysis), skipping those already completed or known',
    params: internalEnrollmentParams,
    body: markKnownSkillsRequest,
    responses: { 200: markKnownSkillsResponse, 404: 'The learner is not enrolled in this roadmap', 409: 'The enrollment is closed or changed concurrently' },
  })
  async mark(
    @Param() params: Params,
    @Body() body: MarkKnownSkillsRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<z.infer<typeof markKnownSkillsResponse>> {
    const command = { ...params, actor: principal.subject };
    const answer = await this.requests.run({ learnerId: params.learnerId, key, operation: 'POST known-skills', payload: { ...params, ...body } }, async (manager) => ({
      status: 200,
      body: await this.handler.mark(manager, command, body.skills, new Date()),
    }));
    return answer.body;
  }

  @Post('revert')
  @HttpCode(200)
  @Endpoint({
    summary: 'Onboarding compensation: put skills back to their previous status, unless the learner changed them since',
    params: internalEnrollmentParams,
    body: revertKnownSkillsRequest,
    responses: { 200: revertKnownSkillsResponse, 409: 'The enrollment changed concurrently' },
  })
  async revert(
    @Param() params: Params,
    @Body() body: RevertKnownSkillsRequest,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<z.infer<typeof revertKnownSkillsResponse>> {
    const command = { ...params, actor: principal.subject };
    const answer = await this.requests.run({ learnerId: params.learnerId, key, operation: 'POST known-skills/revert', payload: { ...params, ...body } }, async (manager) => ({
      status: 200,
      body: await this.handler.revert(manager, command, body.changed, new Date()),
    }));
    return answer.body;
  }
}
