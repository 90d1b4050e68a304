import { Injectable } from '@nestjs/common';
import { RoadmapNotFound, type MarketSignals, type RoadmapKind, type RoadmapStatus, type SkillAlias } from '@pathwise/catalog/domain';
import { DataSource } from 'typeorm';
import { prerequisitePairs } from './prerequisite-edges';
import { readVersion } from './roadmap.repository';

export interface RoadmapSummaryView {
  id: string;
  slug: string;
  status: RoadmapStatus;
  version: number;
  title: string;
  summary: string;
  kind: RoadmapKind;
  tags: string[];
  publishedAt: string;
  stageCount: number;
  skillCount: number;
}

export interface RoadmapView extends Omit<RoadmapSummaryView, 'stageCount' | 'skillCount'> {
  /** The newest published version; `version` is the one shown. */
  latestVersion: number;
  stages: {
    id: string;
    position: number;
    title: string;
    summary: string;
    skills: {
      id: string;
      name: string;
      description: string;
      position: number;
      priority: string;
      signals: MarketSignals | null;
      aliases: SkillAlias[];
      requires: string[];
      resources: { title: string; url: string; type: string; free: boolean }[];
    }[];
  }[];
  prerequisites: { skillId: string; requiresSkillId: string }[];
}

export interface SkillView {
  id: string;
  slug: string;
  name: string;
  description: string;
  signals: MarketSignals | null;
  aliases: SkillAlias[];
  revision: number;
  roadmaps: { id: string; slug: string; title: string; version: number; stageId: string; priority: string }[];
}

/** Read side of the catalog: what learners and clients see. Only published versions appear here. */
@Injectable()
export class RoadmapViews {
  constructor(private readonly dataSource: DataSource) {}

  /** Published and retired roadmaps, by slug; `after` is the last slug of the previous page. */
  async list(filter: { kind?: RoadmapKind; tag?: string; includeRetired?: boolean; after?: string; limit: number }): Promise<RoadmapSummaryView[]> {
    const rows = (await this.dataSource.query(
      `SELECT r.id, r.slug, r.status, r.version, v.title, v.summary, v.kind, v.tags,
              v.published_at AS "publishedAt",
              (SELECT count(*)::int FROM roadmap_stages s WHERE s.roadmap_id = r.id AND s.version = r.version) AS "stageCount",
              (SELECT count(*)::int FROM roadmap_skills k WHERE k.roadmap_id = r.id AND k.version = r.version) AS "skillCount"
         FROM roadmaps r
         JOIN roadmap_versions v ON v.roadmap_id = r.id AND v.version = r.version
        WHERE (r.status = 'published' OR ($1 AND r.status = 'retired'))
          AND ($2::text IS NULL OR v.kind = $2)
          AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM unnest(v.tags) AS tag WHERE lower(tag) = lower($3)))
          AND ($4::text IS NULL OR r.slug > $4)
        ORDER BY r.slug
        LIMIT $5`,
      [filter.includeRetired ?? false, filter.kind ?? null, filter.tag ?? null, filter.after ?? null, filter.limit],
    )) as (Omit<RoadmapSummaryView, 'publishedAt'> & { publishedAt: Date })[];
    return rows.map((row) => ({ ...row, publishedAt: row.publishedAt.toISOString() }));
  }

  /** The live version when `version` is absent; any published version otherwise (old ones stay readable). */
  async roadmap(slug: string, version?: number): Promise<RoadmapView> {
    const [row] = (await this.dataSource.query(`SELECT id, status, version FROM roadmaps WHERE slug = $1`, [slug])) as { id: string; status: RoadmapStatus; version: number }[];
    if (!row || row.version === 0) throw new RoadmapNotFound(slug);
    const shown = version ?? row.version;
    const found = shown <= row.version ? await readVersion(this.dataSource.manager, row.id, shown) : undefined;
    if (!found) throw new RoadmapNotFound(slug, shown);
    const { content, publishedAt } = found;

    const ids = content.stages.flatMap((stage) => stage.skills.map((skill) => skill.skillId));
    const skills = new Map(
      (
        (await this.dataSource.query(`SELECT id, name, description, signals, COALESCE(aliases, '[]') AS aliases FROM skills WHERE id = ANY($1)`, [ids])) as {
          id: string;
          name: string;
          description: string;
          signals: MarketSignals | null;
          aliases: SkillAlias[];
        }[]
      ).map((skill) => [skill.id, skill]),
    );
    // Grouped once, not filtered per skill: a roadmap has dozens of skills and as many edges.
    const requires = new Map<string, string[]>();
    for (const edge of content.prerequisites) {
      const targets = requires.get(edge.from);
      if (targets) targets.push(edge.to);
      else requires.set(edge.from, [edge.to]);
    }
    return {
      id: row.id,
      slug,
      status: shown === row.version ? row.status : 'published',
      version: shown,
      latestVersion: row.version,
      title: content.title,
      summary: content.summary,
      kind: content.kind,
      tags: [...content.tags],
      publishedAt,
      stages: content.stages.map((stage, stageIndex) => ({
        id: stage.id,
        position: stageIndex + 1,
        title: stage.title,
        summary: stage.summary,
        skills: stage.skills.map((placement, skillIndex) => {
          const skill = skills.get(placement.skillId);
          return {
            id: placement.skillId,
            name: skill?.name ?? placement.skillId,
            description: skill?.description ?? '',
            position: skillIndex + 1,
            priority: placement.priority,
            signals: skill?.signals ?? null,
            aliases: skill?.aliases ?? [],
            requires: requires.get(placement.skillId) ?? [],
            resources: placement.resources.map((resource) => ({ ...resource })),
          };
        }),
      })),
      prerequisites: prerequisitePairs(content.prerequisites),
    };
  }

  async skill(id: string): Promise<SkillView | undefined> {
    const [skill] = (await this.dataSource.query(`SELECT id, slug, name, description, signals, COALESCE(aliases, '[]') AS aliases, revision FROM skills WHERE id = $1`, [id])) as Omit<SkillView, 'roadmaps'>[];
    if (!skill) return undefined;
    const roadmaps = (await this.dataSource.query(
      `SELECT r.id, r.slug, v.title, r.version, k.stage_id AS "stageId", k.priority
         FROM roadmap_skills k
         JOIN roadmaps r ON r.id = k.roadmap_id AND r.version = k.version AND r.status = 'published'
         JOIN roadmap_versions v ON v.roadmap_id = r.id AND v.version = r.version
        WHERE k.skill_id = $1
        ORDER BY r.slug`,
      [id],
    )) as SkillView['roadmaps'];
    return { ...skill, roadmaps };
  }

  /** Cache keys of every view that shows this skill: each roadmap's live view and each of its versions. */
  async viewsShowingSkill(id: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT r.slug, k.version, r.version AS live FROM roadmap_skills k JOIN roadmaps r ON r.id = k.roadmap_id WHERE k.skill_id = $1`,
      [id],
    )) as { slug: string; version: number; live: number }[];
    return [...new Set(rows.flatMap((row) => [roadmapCacheKey(row.slug, row.version), ...(row.version === row.live ? [roadmapCacheKey(row.slug)] : [])]))];
  }
}

/** `backend` for the live view, `backend@3` for version 3. */
export function roadmapCacheKey(slug: string, version?: number): string {
  return version === undefined ? slug : `${slug}@${version}`;
}
