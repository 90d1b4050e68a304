import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ListRoadmapsQuery, RoadmapParams, RoadmapVersionParams, SearchQuery, SkillIdParams } from '@pathwise/contracts';
import { Endpoint } from '@pathwise/platform/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { DownstreamClient } from '../../downstream/downstream-client';
import { InjectCatalog } from '../../downstream/downstream.module';
import { queryString, segment } from '../api.request';
import { MicroCache } from '../../downstream/micro-cache';
import { relay } from '../../downstream/relay';
import { proxy } from '../proxy';

/** Public reads of the catalog: no token needed; ETag / If-None-Match answered with 304. */
@ApiTags('catalog')
@Controller('v1')
export class CatalogBrowseController {
  private readonly cache = new MicroCache(1_000);

  constructor(@InjectCatalog() private readonly catalog: DownstreamClient) {}

  /** Public reads are the same for everyone, so they share the micro-cache; conditional requests are answered from it. */
  private async cached(request: FastifyRequest, reply: FastifyReply, path: string): Promise<void> {
    const response = await this.cache.get(path, () => this.catalog.send({ method: 'GET', path, requestId: request.id }));
    const etag = response.headers.get('etag');
    if (response.status === 200 && etag !== null && request.headers['if-none-match'] === etag) {
      void reply.status(304).header('etag', etag).send();
      return;
    }
    relay(reply, response);
  }

  @Get('roadmaps')
  @Endpoint({ summary: 'List published roadmaps (cursor pagination)', query: ListRoadmapsQuery, responses: { 200: '{ items, nextCursor }' } })
  list(@Query() query: z.infer<typeof ListRoadmapsQuery>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'GET', path: `/roadmaps${queryString(query)}` });
  }

  @Get('roadmaps/:slug')
  @Endpoint({ summary: 'The published version of a roadmap', params: RoadmapParams, responses: { 200: 'The roadmap, with an ETag', 304: 'Not modified (If-None-Match)', 404: 'No such roadmap' } })
  get(@Param() params: z.infer<typeof RoadmapParams>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.cached(request, reply, `/roadmaps/${segment(params.slug)}`);
  }

  @Get('roadmaps/:slug/versions/:version')
  @Endpoint({ summary: 'One published version of a roadmap', params: RoadmapVersionParams, responses: { 200: 'The roadmap version', 404: 'No such version' } })
  version(@Param() params: z.infer<typeof RoadmapVersionParams>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.cached(request, reply, `/roadmaps/${segment(params.slug)}/versions/${params.version}`);
  }

  @Get('skills/:skillId')
  @Endpoint({ summary: 'A skill and the roadmaps that contain it', params: SkillIdParams, responses: { 200: 'The skill', 404: 'No such skill' } })
  skill(@Param() params: z.infer<typeof SkillIdParams>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.cached(request, reply, `/skills/${segment(params.skillId)}`);
  }

  @Get('search')
  @Endpoint({ summary: 'Search roadmaps and skills', query: SearchQuery, responses: { 200: 'Ranked results' } })
  search(@Query() query: z.infer<typeof SearchQuery>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return proxy(this.catalog, request, reply, { method: 'GET', path: `/search${queryString(query)}` });
  }
}
