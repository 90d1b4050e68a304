import { seedCatalog, type Skill, type SkillId } from '@pathwise/catalog/domain';
import { Outbox } from '@pathwise/platform/messaging';
import type { DataSource, EntityManager } from 'typeorm';
import { RoadmapRepository } from '../roadmaps/roadmap.repository';
import { SkillRepository } from '../skills/skill.repository';

const SEED_LOCK = 7_316_101;

export interface SeedResult {
  skillsCreated: number;
  /** Seeded skills that predated aliases and got their seeded ones (see the SkillAliases migration). */
  skillsGivenAliases: string[];
  roadmapsCreated: string[];
}

/**
 * Loads the starting catalog; safe to run on every start. Ids derive from slugs, so whatever
 * exists is left alone (an editor's later changes are never overwritten) and only missing skills
 * and roadmaps are added, each roadmap published as version 1 with its event in the outbox. The
 * one thing filled in is a field the row never had: aliases of seeded skills stored before them.
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
    const skillsGivenAliases = await giveAliasesToSkillsThatPredateThem(manager, repositories.skills, skills, now);
    const existing = new Set(((await manager.query(`SELECT id FROM roadmaps WHERE id = ANY($1)`, [roadmaps.map((roadmap) => roadmap.id)])) as { id: string }[]).map((row) => row.id));
    const roadmapsCreated: string[] = [];
    for (const roadmap of roadmaps.filter((candidate) => !existing.has(candidate.id))) {
      await repositories.roadmaps.add(manager, roadmap);
      roadmapsCreated.push(roadmap.slug);
    }
    return { skillsCreated, skillsGivenAliases, roadmapsCreated };
  });
}

/**
 * A NULL list means the row was stored before skills had aliases; a list, even an empty one, is
 * an editor's or the seed's and stays. Filled as an edit (revision + 1, SkillUpdated in the outbox)
 * so consumers' copies learn the aliases too. The row lock makes a concurrent editor's save lose
 * the race with a 409 instead of failing the seed.
 */
async function giveAliasesToSkillsThatPredateThem(manager: EntityManager, repository: SkillRepository, seeded: readonly Skill[], now: Date): Promise<string[]> {
  const rows = (await manager.query(`SELECT id FROM skills WHERE id = ANY($1) AND aliases IS NULL ORDER BY id FOR UPDATE`, [seeded.map((skill) => skill.id)])) as { id: SkillId }[];
  const aliasesOf = new Map(seeded.map((skill) => [skill.id, skill.aliases]));
  for (const { id } of rows) {
    const skill = await repository.get(manager, id);
    const loaded = skill.revision;
    skill.update({ aliases: aliasesOf.get(id) ?? [] }, loaded, now);
    await repository.save(manager, skill, loaded);
  }
  return rows.map((row) => row.id);
}
