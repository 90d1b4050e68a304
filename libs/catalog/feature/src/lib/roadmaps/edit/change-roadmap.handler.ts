import { Injectable } from '@nestjs/common';
import { SkillNotFound, type Roadmap, type SkillId } from '@pathwise/catalog/domain';
import { DataSource } from 'typeorm';
import { RoadmapCache } from '../../cache/roadmap-cache';
import { SkillRepository } from '../../skills/skill.repository';
import { roadmapCacheKey } from '../roadmap-views.repository';
import { RoadmapRepository } from '../roadmap.repository';
import { stale } from './revision-precondition';

export interface ChangeOptions {
  /** Skills the change places; each must exist in the catalog. */
  placesSkills?: readonly SkillId[];
  /** Publishing and retiring change what learners see, so the cached live view is dropped after commit. */
  changesLiveView?: boolean;
}

/**
 * Every change to an existing roadmap is the same use case: load it, check the editor's revision,
 * apply one aggregate method, and save under optimistic concurrency in one transaction (events
 * to the outbox included). The aggregate enforces the rules of each change.
 */
@Injectable()
export class ChangeRoadmapHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly roadmaps: RoadmapRepository,
    private readonly skills: SkillRepository,
    private readonly cache: RoadmapCache,
  ) {}

  async execute(slug: string, expectedRevision: number, change: (roadmap: Roadmap) => void, options: ChangeOptions = {}): Promise<Roadmap> {
    const roadmap = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.roadmaps.get(manager, slug);
      if (loaded.revision !== expectedRevision) {
        throw stale(`${loaded.id} is at revision ${loaded.revision}, not ${expectedRevision}; reload it and reapply your change`);
      }
      const [missing] = options.placesSkills?.length ? await this.skills.missing(manager, options.placesSkills) : [];
      if (missing) throw new SkillNotFound(missing);
      change(loaded);
      // A concurrent change between this load and save makes the save match no row: 409, nothing written.
      await this.roadmaps.save(manager, loaded, expectedRevision);
      return loaded;
    });
    if (options.changesLiveView) await this.cache.invalidateAfterCommit([roadmapCacheKey(slug)]);
    return roadmap;
  }
}
