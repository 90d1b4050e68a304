import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { dashboardQuery } from '@pathwise/contracts';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint, ProblemException, problemType } from '@pathwise/platform/http';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { DownstreamClient } from '../../downstream/downstream-client';
import { InjectCatalog, InjectProgress } from '../../downstream/downstream.module';
import { queryString } from '../api.request';

const learnerDashboard = z.object({
  progress: z.unknown().describe('The progress dashboard, or null when the progress service is degraded'),
  explore: z.unknown().describe('Published roadmaps to explore, or null when the catalog is degraded'),
  degraded: z.array(z.enum(['progress', 'catalog'])).describe('Parts that could not be loaded; empty when complete'),
});

type Part = { ok: true; value: unknown } | { ok: false };

/**
 * The composed home screen: progress and catalog are called in parallel; if one is down (open
 * breaker, timeout, 5xx) the answer still comes, with what there is and the missing part named.
 */
@ApiTags('progress')
@Controller('v1')
@Authenticated()
export class LearnerDashboardController {
  constructor(
    @InjectProgress() private readonly progress: DownstreamClient,
    @InjectCatalog() private readonly catalog: DownstreamClient,
  ) {}

  @Get('learner-dashboard')
  @Endpoint({ summary: 'My dashboard composed from progress and catalog, degrading per part', query: dashboardQuery, responses: { 200: learnerDashboard, 503: 'Both parts unavailable' } })
  async dashboard(@Query() query: z.infer<typeof dashboardQuery>, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest): Promise<z.infer<typeof learnerDashboard>> {
    const [progress, explore] = await Promise.all([
      this.part(this.progress, `/dashboard${queryString(query)}`, principal, request.id),
      this.part(this.catalog, '/roadmaps?limit=10', undefined, request.id),
    ]);
    const degraded = [...(progress.ok ? [] : ['progress' as const]), ...(explore.ok ? [] : ['catalog' as const])];
    if (degraded.length === 2) {
      throw new ProblemException({ type: problemType('service-unavailable'), status: 503, title: 'Service unavailable', detail: 'Neither progress nor catalog answered.' }, { 'retry-after': '5' });
    }
    return { progress: progress.ok ? progress.value : null, explore: explore.ok ? explore.value : null, degraded };
  }

  private async part(client: DownstreamClient, path: string, principal: Principal | undefined, requestId: string): Promise<Part> {
    try {
      const response = await client.send({ method: 'GET', path, principal, requestId });
      if (response.status !== 200) return { ok: false };
      return { ok: true, value: JSON.parse(response.body.toString('utf8')) as unknown };
    } catch (error) {
      if (error instanceof ProblemException) return { ok: false };
      throw error;
    }
  }
}
