import { Body, Controller, Delete, Headers, HttpCode, Param, Put } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { internalLearnerParams, putLearnerProfileRequest, putLearnerProfileResponse, type PutLearnerProfileRequest } from '@pathwise/contracts';
import { Authenticated, RequireRoles } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { z } from 'zod';
import { IdempotentRequests, INTERNAL_IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotent-requests';
import { LearnerProfileHandler } from './learner-profile.handler';

type Params = z.infer<typeof internalLearnerParams>;

@ApiTags('internal')
@Authenticated()
@RequireRoles('service')
@ApiHeader(INTERNAL_IDEMPOTENCY_KEY_HEADER)
@Controller('internal/learners/:learnerId/profile')
export class LearnerProfileController {
  constructor(
    private readonly handler: LearnerProfileHandler,
    private readonly requests: IdempotentRequests,
  ) {}

  @Put()
  @Endpoint({
    summary: "Onboarding: set the learner's profile, answering the one it replaced",
    params: internalLearnerParams,
    body: putLearnerProfileRequest,
    responses: { 200: putLearnerProfileResponse },
  })
  async put(@Param() params: Params, @Body() body: PutLearnerProfileRequest, @Headers('idempotency-key') key: string | undefined): Promise<z.infer<typeof putLearnerProfileResponse>> {
    const profile = { timeZone: body.timeZone, weeklyHours: body.weeklyHours ?? null, goalSkillId: body.goalSkillId ?? null };
    const answer = await this.requests.run({ learnerId: params.learnerId, key, operation: 'PUT profile', payload: profile }, async (manager) => ({
      status: 200,
      body: await this.handler.put(manager, params.learnerId, profile),
    }));
    return answer.body;
  }

  @Delete()
  @HttpCode(204)
  @Endpoint({ summary: "Onboarding compensation: remove the learner's profile (idempotent)", params: internalLearnerParams, responses: { 204: 'Gone', 422: 'Idempotency-Key missing or malformed' } })
  async delete(@Param() params: Params, @Headers('idempotency-key') key: string | undefined): Promise<void> {
    await this.requests.run({ learnerId: params.learnerId, key, operation: 'DELETE profile', payload: null }, async (manager) => {
      await this.handler.delete(manager, params.learnerId);
      return { status: 204, body: null };
    });
  }
}
