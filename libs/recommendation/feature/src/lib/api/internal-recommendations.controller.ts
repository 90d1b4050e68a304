import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { learnerParams, nextSkillsQuery, nextSkillsResponse, type NextSkillsQuery } from '@pathwise/contracts';
import { Authenticated, RequireRoles } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { z } from 'zod';
import { LearnerRecommendationsQuery } from './learner-recommendations.query';

/** A learner's next skills for a service caller (the onboarding saga's "first recommendations" step). */
@ApiTags('internal')
@Authenticated()
@RequireRoles('service')
@Controller('internal/learners/:learnerId/recommendations')
export class InternalRecommendationsController {
  constructor(private readonly query: LearnerRecommendationsQuery) {}

  @Get('next')
  @Endpoint({
    summary: "A learner's ranked next skills",
    description: 'Eventually consistent: 404 until this service has seen the enrollment (a caller retries).',
    params: learnerParams,
    query: nextSkillsQuery,
    responses: { 200: nextSkillsResponse, 404: 'RECOMMENDATION.NOT_ENROLLED: not enrolled, or not seen here yet' },
  })
  next(@Param() params: z.infer<typeof learnerParams>, @Query() query: NextSkillsQuery) {
    return this.query.next(params.learnerId, query);
  }
}
