import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { completeOnboardingRequest, completeOnboardingResponse, internalLearnerParams, type CompleteOnboardingRequest } from '@pathwise/contracts';
import { Authenticated, RequireRoles } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { z } from 'zod';
import { IdempotentRequests, INTERNAL_IDEMPOTENCY_KEY_HEADER } from '../idempotency/idempotent-requests';
import { CompleteOnboardingHandler, type OnboardingRecord } from './complete-onboarding.handler';

@ApiTags('internal')
@Authenticated()
@RequireRoles('service')
@ApiHeader(INTERNAL_IDEMPOTENCY_KEY_HEADER)
@Controller('internal/learners/:learnerId/onboarding')
export class CompleteOnboardingController {
  constructor(
    private readonly handler: CompleteOnboardingHandler,
    private readonly requests: IdempotentRequests,
  ) {}

  @Post('complete')
  @HttpCode(200)
  @Endpoint({
    summary: 'Onboarding: record it as complete and publish LearnerOnboarded (once per workflow id)',
    params: internalLearnerParams,
    body: completeOnboardingRequest,
    responses: { 200: completeOnboardingResponse, 404: 'The learner has no profile or is not enrolled in this roadmap' },
  })
  async complete(@Param() params: z.infer<typeof internalLearnerParams>, @Body() body: CompleteOnboardingRequest, @Headers('idempotency-key') key: string | undefined): Promise<OnboardingRecord> {
    const answer = await this.requests.run({ learnerId: params.learnerId, key, operation: 'POST onboarding/complete', payload: body }, async (manager) => ({
      status: 200,
      body: await this.handler.execute(manager, { learnerId: params.learnerId, ...body }, new Date()),
    }));
    return answer.body;
  }
}
