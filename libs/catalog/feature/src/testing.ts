// Test helpers that change catalog state behind the HTTP API, and name its cache keys (specs only).
import { Roadmap, skillIdFor } from '@pathwise/catalog/domain';
import { Outbox } from '@pathwise/platform/messaging';
import type { DataSource } from 'typeorm';
import { RoadmapRepository } from './lib/roadmaps/roadmap.repository';

export { ROADMAP_CACHE_NAMESPACE } from './lib/cache/roadmap-cache';
export { roadmapCacheKey } from './lib/roadmaps/roadmap-views.repository';

/** Publishes `slug` as version 1 with seeded skills `http` and `rest-api` in one stage. */
export async function addPublishedRoadmap(dataSource: DataSource, slug: string): Promise<void> {
  const roadmap = Roadmap.create({ slug, title: 'Test roadmap', summary: '', kind: 'skill', tags: [] });
  roadmap.addStage({ id: 'only', title: 'Only' }, roadmap.revision);
  roadmap.addSkill('only', { skillId: skillIdFor('http'), priority: 'essential' }, roadmap.revision);
  roadmap.addSkill('only', { skillId: skillIdFor('rest-api'), priority: 'optional' }, roadmap.revision);
  roadmap.publish(new Date(), roadmap.revision);
  await dataSource.transaction((manager) => new RoadmapRepository(new Outbox()).add(manager, roadmap));
}

/**
 * Publishes the next version through the repository only (outbox included, no cache call), the
 * way a replica whose inline invalidation failed leaves things.
 */
export async function publishNextVersionDirectly(dataSource: DataSource, slug: string): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const roadmaps = new RoadmapRepository(new Outbox());
    const roadmap = await roadmaps.get(manager, slug);
    const loaded = roadmap.revision;
    const current = roadmap.published?.stages[0]?.skills.find((skill) => skill.skillId === skillIdFor('rest-api'))?.priority;
    roadmap.setSkillPriority(skillIdFor('rest-api'), current === 'essential' ? 'optional' : 'essential', roadmap.revision);
    roadmap.publish(new Date(), roadmap.revision);
    await roadmaps.save(manager, roadmap, loaded);
  });
}
