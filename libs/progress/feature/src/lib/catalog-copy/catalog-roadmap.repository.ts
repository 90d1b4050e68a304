import { Injectable } from '@nestjs/common';
import { RoadmapNotFoundError, RoadmapRetiredError, RoadmapStructure, type RoadmapStructureData } from '@pathwise/progress/domain';
import type { EntityManager } from 'typeorm';

export interface CatalogRoadmap {
  readonly roadmapId: string;
  readonly slug: string;
  readonly title: string;
  readonly version: number;
  readonly structure: RoadmapStructure;
  readonly skillNames: Readonly<Record<string, string>>;
  readonly retiredAt: Date | null;
}

export interface PublishedVersion {
  readonly roadmapId: string;
  readonly slug: string;
  readonly title: string;
  readonly version: number;
  readonly structure: RoadmapStructureData;
  readonly skillNames: Readonly<Record<string, string>>;
  readonly publishedAt: string;
}

interface RoadmapRow {
  roadmap_id: string;
  slug: string;
  title: string;
  version: number;
  structure: RoadmapStructureData;
  skill_names: Record<string, string>;
  retired_at: Date | null;
}

/** Progress's own copy of what the catalog published: enough to enroll and count without calling it. */
@Injectable()
export class CatalogRoadmapRepository {
  /**
   * The current version of a roadmap open for enrollment, by id or slug. FOR SHARE holds off a
   * concurrent publish until this enrollment commits, so the publish's adoption pass sees it.
   */
  async forEnrollment(manager: EntityManager, roadmapIdOrSlug: string): Promise<CatalogRoadmap> {
    const [row]: RoadmapRow[] = await manager.query(
      `SELECT roadmap_id, slug, title, version, structure, skill_names, retired_at FROM catalog_roadmaps
        WHERE roadmap_id = $1 OR slug = $1 ORDER BY (roadmap_id = $1) DESC LIMIT 1 FOR SHARE`,
      [roadmapIdOrSlug],
    );
    if (!row) throw new RoadmapNotFoundError(roadmapIdOrSlug);
    if (row.retired_at) throw new RoadmapRetiredError(row.roadmap_id);
    return toRoadmap(row);
  }

  /** Records a published version; answers whether it became the current one (false when older or replayed). */
  async recordPublished(manager: EntityManager, published: PublishedVersion): Promise<boolean> {
    const { roadmapId, slug, title, version, publishedAt } = published;
    const structure = JSON.stringify(published.structure);
    const skillNames = JSON.stringify(published.skillNames);
    await manager.query(
      `INSERT INTO catalog_roadmap_versions (roadmap_id, version, title, structure, skill_names, published_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (roadmap_id, version) DO NOTHING`,
      [roadmapId, version, title, structure, skillNames, publishedAt],
    );
    // The row lock taken here serialises with enrollments (FOR SHARE above) of this roadmap.
    const updated: unknown[] = await manager.query(
      `INSERT INTO catalog_roadmaps (roadmap_id, slug, title, version, structure, skill_names, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (roadmap_id) DO UPDATE SET slug = EXCLUDED.slug, title = EXCLUDED.title, version = EXCLUDED.version,
         structure = EXCLUDED.structure, skill_names = EXCLUDED.skill_names, published_at = EXCLUDED.published_at, retired_at = NULL
       WHERE catalog_roadmaps.version < EXCLUDED.version
       RETURNING roadmap_id`,
      [roadmapId, slug, title, version, structure, skillNames, publishedAt],
    );
    return updated.length === 1;
  }

  async recordRetired(manager: EntityManager, roadmapId: string, version: number, retiredAt: string): Promise<void> {
    await manager.query('UPDATE catalog_roadmaps SET retired_at = $3 WHERE roadmap_id = $1 AND version <= $2 AND retired_at IS NULL', [roadmapId, version, retiredAt]);
  }
}

function toRoadmap(row: RoadmapRow): CatalogRoadmap {
  return {
    roadmapId: row.roadmap_id,
    slug: row.slug,
    title: row.title,
    version: row.version,
    structure: RoadmapStructure.of(row.structure),
    skillNames: row.skill_names,
    retiredAt: row.retired_at,
  };
}
