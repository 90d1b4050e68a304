import { exportQuery, type ExportQuery } from '@pathwise/contracts';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, type Principal } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply } from 'fastify';
import { ExportProgressHandler, toCsv, type ProgressExport } from './export.handler';

@ApiTags('learner')
@Authenticated()
@Controller('export')
export class ExportController {
  constructor(private readonly handler: ExportProgressHandler) {}

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @Endpoint({ summary: "Download the caller's progress as JSON or CSV (one row per skill)", query: exportQuery, responses: { 200: 'The export', 400: 'Invalid query' } })
  async export(@Query() query: ExportQuery, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProgressExport | string> {
    const progress = await this.handler.execute(principal.subject, new Date());
    reply.header('cache-control', 'no-store');
    reply.header('content-disposition', `attachment; filename="progress.${query.format}"`);
    if (query.format === 'json') return progress;
    reply.header('content-type', 'text/csv; charset=utf-8');
    return toCsv(progress);
  }
}
