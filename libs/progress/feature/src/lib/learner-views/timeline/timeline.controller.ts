import { timelineQuery, timelineResponse, type TimelineQuery } from '@pathwise/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { z } from 'zod';
import { ProgressReadRepository } from '../../projections/progress-read.repository';

@ApiTags('learner')
@Authenticated()
@Controller('timeline')
export class TimelineController {
  constructor(private readonly reads: ProgressReadRepository) {}

  @Get()
  @Endpoint({ summary: "The caller's activity, newest first", query: timelineQuery, responses: { 200: timelineResponse, 400: 'Invalid query' } })
  async timeline(@Query() query: TimelineQuery, @CurrentPrincipal() principal: Principal): Promise<z.infer<typeof timelineResponse>> {
    const items = await this.reads.timelineOf(principal.subject, {
      limit: query.limit,
      ...(query.roadmapId ? { roadmapId: query.roadmapId } : {}),
      ...(query.before ? { before: query.before } : {}),
    });
    return { items, nextBefore: items.length === query.limit ? (items.at(-1)?.position ?? null) : null };
  }
}
