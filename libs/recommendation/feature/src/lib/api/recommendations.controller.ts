import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { goalPathQuery, goalPathResponse, nextSkillsQuery, nextSkillsResponse, storedRecommendationsResponse, type GoalPathQuery, type NextSkillsQuery } from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { LearnerRecommendationsQuery } from './learner-recommendations.query';

/** The caller's own recommendations: the learner is the token's subject, never a parameter. */
@ApiTags('recommendations')
@Authenticated()
@Controller('recommendations')
export class RecommendationsController {
  constructor(private readonly query: LearnerRecommendationsQuery) {}

  @Get()
  @Endpoint({ summary: 'My stored recommendations per roadmap, with when they were computed', responses: { 200: storedRecommendationsResponse } })
  stored(@CurrentPrincipal() principal: Principal) {
    return this.query.stored(principal.subject);
  }

  @Get('next')
  @Endpoint({
    summary: 'What to learn next: ready skills ranked, with reasons',
    description: 'For one roadmap, or every roadmap the caller is enrolled in. Ready = not done, known or skipped, every prerequisite completed or known.',
    query: nextSkillsQuery,
    responses: { 200: nextSkillsResponse, 404: 'Not enrolled in that roadmap' },
  })
  next(@Query() query: NextSkillsQuery, @CurrentPrincipal() principal: Principal) {
    return this.query.next(principal.subject, query);
  }

  @Get('path')
  @Endpoint({
    summary: 'The path to a goal skill: the missing skills it needs, in learning order',
    query: goalPathQuery,
    responses: { 200: goalPathResponse, 404: 'No such roadmap, or the goal is not one of its skills', 422: 'The goal needs a prerequisite the roadmap does not teach' },
  })
  path(@Query() query: GoalPathQuery, @CurrentPrincipal() principal: Principal) {
    return this.query.path(principal.subject, query);
  }
}
