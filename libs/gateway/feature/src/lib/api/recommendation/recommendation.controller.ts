import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { goalPathQuery, goalPathResponse, nextSkillsQuery, nextSkillsResponse, storedRecommendationsResponse } from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DownstreamClient } from '../../downstream/downstream-client';
import { InjectRecommendation } from '../../downstream/downstream.module';
import { queryString } from '../api.request';
import { proxy } from '../proxy';

/** The caller's own recommendations; no route names a learner (the service reads the token's subject). */
@ApiTags('recommendations')
@Controller('v1/recommendations')
@Authenticated()
export class RecommendationController {
  constructor(@InjectRecommendation() private readonly recommendation: DownstreamClient) {}

  @Get()
  @Endpoint({ summary: 'My stored recommendations per roadmap, with when they were computed', responses: { 200: storedRecommendationsResponse } })
  stored(@CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.recommendation, request, reply, { method: 'GET', path: '/recommendations', principal });
  }

  @Get('next')
  @Endpoint({
    summary: 'What to learn next: ready skills ranked, each with reasons and one plain sentence',
    description: 'For one roadmap (`roadmapId`) or every roadmap the caller is enrolled in. Follows progress within about a second (events).',
    query: nextSkillsQuery,
    responses: { 200: nextSkillsResponse, 404: 'Not enrolled in that roadmap' },
  })
  next(@Query() query: z.infer<typeof nextSkillsQuery>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.recommendation, request, reply, { method: 'GET', path: `/recommendations/next${queryString(query)}`, principal });
  }

  @Get('path')
  @Endpoint({
    summary: 'The path to a goal skill: the missing skills it needs, in a valid learning order',
    query: goalPathQuery,
    responses: { 200: goalPathResponse, 404: 'No such roadmap, or the goal is not one of its skills', 422: 'The goal needs a prerequisite the roadmap does not teach' },
  })
  path(@Query() query: z.infer<typeof goalPathQuery>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.recommendation, request, reply, { method: 'GET', path: `/recommendations/path${queryString(query)}`, principal });
  }
}
