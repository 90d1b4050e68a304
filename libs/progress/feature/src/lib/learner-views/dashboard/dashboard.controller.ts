import { dashboardQuery, type DashboardQuery } from '@pathwise/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { z } from 'zod';
import { DashboardHandler, type Dashboard } from './dashboard.handler';

const counts = z.object({ done: z.number(), known: z.number(), skipped: z.number(), inProgress: z.number(), pending: z.number(), total: z.number() });
const dashboardResponse = z.object({
  timeZone: z.string(),
  enrollments: z.array(
    z.object({
      roadmapId: z.string(),
      roadmapTitle: z.string().nullable(),
      roadmapVersion: z.number().int(),
      overall: counts,
      completedAt: z.iso.datetime().nullable(),
      closed: z.boolean(),
      lastActivityAt: z.iso.datetime(),
    }),
  ),
  totals: z.object({ activeEnrollments: z.number().int(), completedRoadmaps: z.number().int(), distinctSkillsDone: z.number().int() }),
  streak: z.object({ current: z.number().int(), longest: z.number().int(), lastActiveDay: z.string().nullable(), activeToday: z.boolean() }),
});

@ApiTags('learner')
@Authenticated()
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly handler: DashboardHandler) {}

  @Get()
  @Endpoint({ summary: "The caller's progress across roadmaps and their streak", query: dashboardQuery, responses: { 200: dashboardResponse, 400: 'Invalid query' } })
  async dashboard(@Query() query: DashboardQuery, @CurrentPrincipal() principal: Principal): Promise<Dashboard> {
    return this.handler.execute(principal.subject, query.timeZone, new Date());
  }
}
