import { dashboardQuery, dashboardResponse, type DashboardQuery } from '@pathwise/contracts';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { DashboardHandler, type Dashboard } from './dashboard.handler';

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
