import { seedCatalog } from '@pathwise/catalog/domain';
import { Outbox } from '@pathwise/platform/messaging';
import type { DataSource } from 'typeorm';
import { RoadmapRepository } from '../roadmaps/roadmap.repository';
import { SkillRepository } from '../skills/skill.repository';

const SEED_LOCK = 7_316_101;

export interface SeedResult {
  skillsCreated: number;
  roadmapsCreated: string[];
}

/**
 * Loads the starting catalog; safe to run on every start. Ids derive from slugs, so whatever
 * exists is left alone (an editor's later changes are never overwritten) and only missing skills
 * and roadmaps are added, each roadmap published as version 1 with its event in the outbox.
 * One transaction: a failure leaves nothing half-seeded.
 */
export async function loadSeedCatalog(dataSource: DataSource, now = new Date()): Promise<SeedResult> {
  const { skills, roadmaps } = seedCatalog(now);
  const outbox = new Outbox();
  const repositories = { roadmaps: new RoadmapRepository(outbox), skills: new SkillRepository(outbox) };
  return dataSource.transaction(async (manager) => {
    // Two starts at once (replicas, a Job and a developer) take turns; the second finds all in place.
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const skillsCreated = await repositories.skills.insertIfAbsent(manager, skills);
    const existing = new Set(((await manager.query(`SELECT id FROM roadmaps WHERE id = ANY($1)`, [roadmaps.map((roadmap) => roadmap.id)])) as { id: string }[]).map((row) => row.id));
    const roadmapsCreated: string[] = [];
    for (const roadmap of roadmaps.filter((candidate) => !existing.has(candidate.id))) {
      await repositories.roadmaps.add(manager, roadmap);
      roadmapsCreated.push(roadmap.slug);
    }
    return { skillsCreated, roadmapsCreated };
  });
}
