import { Injectable } from '@nestjs/common';
import { Skill, type MarketSignals, type SkillAlias, type SkillChanges, type SkillId } from '@pathwise/catalog/domain';
import { DataSource } from 'typeorm';
import { RoadmapCache } from '../../cache/roadmap-cache';
import { stale } from '../../roadmaps/edit/revision-precondition';
import { RoadmapViews } from '../../roadmaps/roadmap-views.repository';
import { SkillRepository } from '../skill.repository';

@Injectable()
export class CreateSkillHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly skills: SkillRepository,
  ) {}

  async execute(input: { slug: string; name: string; description: string; signals?: MarketSignals; aliases?: readonly SkillAlias[] }): Promise<Skill> {
    const skill = Skill.create(input);
    await this.dataSource.transaction((manager) => this.skills.add(manager, skill));
    return skill;
  }
}

/** A skill is shared by every roadmap that places it, so an edit refreshes each cached view that shows it. */
@Injectable()
export class UpdateSkillHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly skills: SkillRepository,
    private readonly views: RoadmapViews,
    private readonly cache: RoadmapCache,
  ) {}

  async execute(id: SkillId, expectedRevision: number, changes: SkillChanges, now = new Date()): Promise<Skill> {
    const { skill, changed } = await this.dataSource.transaction(async (manager) => {
      const loaded = await this.skills.get(manager, id);
      if (loaded.revision !== expectedRevision) throw stale(`${id} is at revision ${loaded.revision}, not ${expectedRevision}`);
      loaded.update(changes, expectedRevision, now);
      // A request that changes nothing leaves the revision where it was and records no event:
      // there is nothing to write and no cached view to refresh, and the answer is the loaded skill.
      if (loaded.revision === expectedRevision) return { skill: loaded, changed: false };
      await this.skills.save(manager, loaded, expectedRevision);
      return { skill: loaded, changed: true };
    });
    if (changed) await this.cache.invalidateAfterCommit(await this.views.viewsShowingSkill(id));
    return skill;
  }
}
