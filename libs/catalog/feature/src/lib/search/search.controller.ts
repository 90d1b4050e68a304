import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SearchQuery } from '@pathwise/contracts';
import { Authenticated, Public } from '@pathwise/platform/auth';
import { Endpoint } from '@pathwise/platform/http';
import { DataSource } from 'typeorm';
import type { z } from 'zod';

interface Hit {
  kind: 'skill' | 'resource';
  skillId: string;
  title: string;
  url: string | null;
  type: string | null;
  free: boolean | null;
  roadmaps: string[];
  rank: number;
}

/**
 * PostgreSQL full-text search over skills (name weighted above description) and the resources of
 * live roadmap versions. `websearch_to_tsquery` accepts what people type ("kafka -streams",
 * quoted phrases) and never fails on syntax, so any text is a valid query.
 */
@ApiTags('search')
@Controller('search')
@Authenticated()
export class SearchController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @Endpoint({ summary: 'Search skills and resources', description: 'Ranked by ts_rank; skills and resources in one list.', query: SearchQuery, responses: { 200: 'Ranked hits', 400: 'Missing or invalid q/limit' } })
  async search(@Query() query: z.infer<typeof SearchQuery>): Promise<{ query: string; hits: Hit[] }> {
    const hits = (await this.dataSource.query(
      `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
       skill_hits AS (
         SELECT 'skill' AS kind, s.id AS "skillId", s.name AS title, NULL::text AS url, NULL::text AS type, NULL::boolean AS free,
                ARRAY(SELECT r.slug FROM roadmap_skills k JOIN roadmaps r ON r.id = k.roadmap_id AND r.version = k.version AND r.status = 'published'
                       WHERE k.skill_id = s.id ORDER BY r.slug) AS roadmaps,
                ts_rank(s.search, q.query) AS rank
           FROM skills s, q WHERE s.search @@ q.query),
       resource_hits AS (
         SELECT 'resource' AS kind, x."skillId", min(x.title) AS title, x.url, min(x.type) AS type, bool_or(x.free) AS free,
                array_agg(DISTINCT x.slug ORDER BY x.slug) AS roadmaps, max(x.rank) AS rank
           FROM (SELECT res.skill_id AS "skillId", res.title, res.url, res.type, res.free, r.slug, ts_rank(res.search, q.query) AS rank
                   FROM skill_resources res
                   JOIN roadmaps r ON r.id = res.roadmap_id AND r.version = res.version AND r.status = 'published', q
                  WHERE res.search @@ q.query) x
          GROUP BY x."skillId", x.url)
       SELECT * FROM (SELECT * FROM skill_hits UNION ALL SELECT * FROM resource_hits) hits
        ORDER BY rank DESC, kind DESC, title
        LIMIT $2`,
      [query.q, query.limit],
    )) as Hit[];
    return { query: query.q, hits: hits.map((hit) => ({ ...hit, rank: Number(Number(hit.rank).toFixed(4)) })) };
  }
}
