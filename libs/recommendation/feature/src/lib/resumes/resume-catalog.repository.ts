import { Injectable } from '@nestjs/common';
import type { ResumeCatalog, ResumeCatalogSkill, SkillAlias } from '@pathwise/recommendation/domain';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

interface GraphSkill {
  skillId: string;
  name: string;
  aliases?: SkillAlias[];
}

/**
 * What resumes are matched against: every skill of every roadmap currently published, with its
 * aliases, from this service's own copy of the catalog. The version names exactly that content,
 * so an analysis records which catalog it was made with.
 */
@Injectable()
export class ResumeCatalogRepository {
  private cached?: ResumeCatalog;

  async current(manager: EntityManager): Promise<ResumeCatalog> {
    const [stamp]: { versions: string | null; skills_at: Date | null }[] = await manager.query(
      `SELECT (SELECT string_agg(roadmap_id || '@' || current_version, ',' ORDER BY roadmap_id) FROM roadmaps WHERE retired_at IS NULL) AS versions,
              (SELECT max(updated_at) FROM skills) AS skills_at`,
    );
    const catalogVersion = createHash('sha256')
      .update(`${stamp?.versions ?? ''}|${stamp?.skills_at?.toISOString() ?? ''}`)
      .digest('hex')
      .slice(0, 16);
    if (this.cached?.catalogVersion === catalogVersion) return this.cached;

    const graphs: { graph: { skills: GraphSkill[] }; published_at: Date }[] = await manager.query(
      `SELECT v.graph, v.published_at FROM roadmaps r JOIN roadmap_versions v ON v.roadmap_id = r.roadmap_id AND v.version = r.current_version
        WHERE r.retired_at IS NULL`,
    );
    // Each skill as its newest statement says: the latest publication that carries it, or a later
    // SkillUpdated. Aliases only from statements that carry them, so a publication from a producer
    // that sends none (an older one, a test fixture) never erases them.
    const names = new Map<string, { name: string; at: number }>();
    const aliases = new Map<string, { aliases: ResumeCatalogSkill['aliases']; at: number }>();
    const offer = (skillId: string, name: string, skillAliases: SkillAlias[] | undefined | null, at: number) => {
      if ((names.get(skillId)?.at ?? -1) < at) names.set(skillId, { name, at });
      if (skillAliases && (aliases.get(skillId)?.at ?? -1) < at) aliases.set(skillId, { aliases: skillAliases, at });
    };
    for (const { graph, published_at } of graphs) {
      for (const skill of graph.skills) offer(skill.skillId, skill.name, skill.aliases, published_at.getTime());
    }
    const updated: { skill_id: string; name: string; aliases: SkillAlias[] | null; updated_at: Date }[] = await manager.query('SELECT skill_id, name, aliases, updated_at FROM skills');
    for (const row of updated) if (names.has(row.skill_id)) offer(row.skill_id, row.name, row.aliases, row.updated_at.getTime());
    const skills = [...names.entries()]
      .map(([skillId, { name }]) => ({ skillId, name, aliases: aliases.get(skillId)?.aliases ?? [] }))
      .sort((a, b) => (a.skillId < b.skillId ? -1 : 1));
    this.cached = { catalogVersion, skills };
    return this.cached;
  }
}
