import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Authenticated, Public } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { RoadmapCache, type Representation } from '../../cache/roadmap-cache';
import { RoadmapViews } from '../roadmap-views.repository';
import { ListRoadmapsQuery, RoadmapParams, RoadmapVersionParams } from './roadmap-read.request';

@ApiTags('roadmaps')
@Controller('roadmaps')
@Authenticated()
export class RoadmapReadController {
  constructor(
    private readonly views: RoadmapViews,
    private readonly cache: RoadmapCache,
  ) {}

  @Get()
  @Public()
  @Endpoint({ summary: 'List published roadmaps', description: 'Ordered by slug; follow `nextCursor` for the next page.', query: ListRoadmapsQuery, responses: { 200: 'A page of roadmap summaries', 400: 'Invalid filter or cursor' } })
  async list(@Query() query: z.infer<typeof ListRoadmapsQuery>) {
    const rows = await this.views.list({ ...query, after: query.cursor, limit: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > query.limit && last ? last.slug : null };
  }

  @Get(':slug')
  @Public()
  @Endpoint({ summary: 'Get the live version of a roadmap', description: 'Stages, skills, prerequisites and resources. Supports If-None-Match.', params: RoadmapParams, responses: { 200: 'The roadmap', 304: 'Unchanged since the ETag sent', 404: 'No published roadmap with this slug' } })
  async get(@Param() params: z.infer<typeof RoadmapParams>, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, await this.cache.read(params.slug), ifNoneMatch, 'public, max-age=60');
  }

  @Get(':slug/versions/:version')
  @Public()
  @Endpoint({ summary: 'Get one published version of a roadmap', params: RoadmapVersionParams, responses: { 200: 'That version', 304: 'Unchanged since the ETag sent', 404: 'No such version' } })
  async version(@Param() params: z.infer<typeof RoadmapVersionParams>, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    return send(reply, await this.cache.read(params.slug, params.version), ifNoneMatch, 'public, max-age=3600');
  }
}

/** RFC 9110 §13.1.2: a matching If-None-Match on a GET answers 304 with the validator and no body. */
function send(reply: FastifyReply, representation: Representation, ifNoneMatch: string | undefined, cacheControl: string): string | undefined {
  reply.header('etag', representation.etag).header('cache-control', cacheControl);
  if (ifNoneMatch && matches(ifNoneMatch, representation.etag)) {
    reply.status(304);
    return undefined;
  }
  reply.header('content-type', 'application/json; charset=utf-8');
  return representation.body;
}

function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  // Weak comparison (§8.8.3.2): W/ prefixes are ignored.
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}
