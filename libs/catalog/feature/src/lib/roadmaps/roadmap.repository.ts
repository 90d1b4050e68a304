import { Injectable } from '@nestjs/common';
import {
  Roadmap,
  RoadmapAlreadyExists,
  RoadmapNotFound,
  StaleRevision,
  type RoadmapContent,
  type RoadmapEvent,
  type RoadmapSnapshot,
  type SkillAlias,
  type SkillId,
} from '@pathwise/catalog/domain';
import { RoadmapPublished as RoadmapPublishedContract, RoadmapRetired as RoadmapRetiredContract } from '@pathwise/contracts';
import { Outbox } from '@pathwise/platform/messaging';
import type { EntityManager } from 'typeorm';
import { signalLevels } from '../skills/skill.repository';
import { prerequisitePairs } from './prerequisite-edges';
import { RoadmapRecord } from './roadmap.record';

interface VersionRow {
  title: string;
  summary: string;
  kind: RoadmapContent['kind'];
  tags: string[];
  published_at: Date;
}

/**
 * Loads and saves the Roadmap aggregate. Saving is one transaction: the row is updated only if
 * its revision is still the one that was loaded (a concurrent edit makes the update match no
 * row), a publish writes the new immutable version, and recorded events go to the outbox.
 */
@Injectable()
export class RoadmapRepository {
  constructor(private readonly outbox: Outbox) {}

  async get(manager: EntityManager, slug: string): Promise<Roadmap> {
    const record = await manager.getRepository(RoadmapRecord).findOneBy({ slug });
    if (!record) throw new RoadmapNotFound(slug);
    const published = record.version > 0 ? await readVersion(manager, record.id, record.version) : undefined;
    return Roadmap.restore({
      id: record.id as Roadmap['id'],
      slug: record.slug,
      status: record.status,
      version: record.version,
      revision: record.revision,
      ...(published ? { published: published.content, publishedAt: published.publishedAt } : {}),
      ...(record.draft ? { draft: record.draft } : {}),
    });
  }

  /** Stores a new roadmap; the unique slug decides races between two creators. */
  async add(manager: EntityManager, roadmap: Roadmap): Promise<void> {
    const state = roadmap.toState();
    const inserted = (await manager.query(
      `INSERT INTO roadmaps (id, slug, status, version, revision, draft) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING RETURNING id`,
      [state.id, state.slug, state.status, state.version, state.revision, state.draft ?? null],
    )) as unknown[];
    if (inserted.length === 0) throw new RoadmapAlreadyExists(state.slug);
    await this.#drain(manager, roadmap);
  }

  /** `loadedRevision` is the revision the aggregate had when it was read. */
  async save(manager: EntityManager, roadmap: Roadmap, loadedRevision: number): Promise<void> {
    const state = roadmap.toState();
    const result = await manager
      .createQueryBuilder()
      .update(RoadmapRecord)
      .set({ status: state.status, version: state.version, revision: state.revision, draft: state.draft ?? null })
      .where('id = :id AND revision = :loadedRevision', { id: state.id, loadedRevision })
      .execute();
    if (result.affected !== 1) {
      const current = await manager.getRepository(RoadmapRecord).findOneBy({ id: state.id });
      throw new StaleRevision(state.id, loadedRevision, current?.revision ?? -1);
    }
    await this.#drain(manager, roadmap);
  }

  async #drain(manager: EntityManager, roadmap: Roadmap): Promise<void> {
    for (const event of roadmap.pullEvents()) await this.#record(manager, event);
  }

  async #record(manager: EntityManager, event: RoadmapEvent): Promise<void> {
    const envelope = { subject: event.aggregateId, aggregateVersion: event.aggregateVersion, time: new Date(event.occurredAt) };
    if (event.type === 'RoadmapPublished') {
      await insertVersion(manager, event.roadmap);
      await this.outbox.append(manager, RoadmapPublishedContract, { ...envelope, data: await publishedData(manager, event.roadmap) });
    } else {
      await this.outbox.append(manager, RoadmapRetiredContract, {
        ...envelope,
        data: { roadmapId: event.aggregateId, slug: event.slug, version: event.version, retiredAt: event.occurredAt },
      });
    }
  }
}

async function insertVersion(manager: EntityManager, snapshot: RoadmapSnapshot): Promise<void> {
  const { roadmapId: id, version } = snapshot;
  await manager.query(`INSERT INTO roadmap_versions (roadmap_id, version, title, summary, kind, tags, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
    id,
    version,
    snapshot.title,
    snapshot.summary,
    snapshot.kind,
    snapshot.tags,
    snapshot.publishedAt,
  ]);
  const stages = snapshot.stages;
  const skills = stages.flatMap((stage) => stage.skills.map((skill) => ({ stageId: stage.stageId, ...skill })));
  const resources = skills.flatMap((skill) => skill.resources.map((resource, index) => ({ skillId: skill.skillId, position: index + 1, ...resource })));
  // One statement per table whatever the size: json_to_recordset unpacks the rows server-side.
  await manager.query(
    `INSERT INTO roadmap_stages (roadmap_id, version, stage_id, position, title, summary)
     SELECT $1, $2, s."stageId", s.position, s.title, s.summary FROM json_to_recordset($3::json) AS s("stageId" text, position int, title text, summary text)`,
    [id, version, JSON.stringify(stages.map(({ skills: _skills, ...stage }) => stage))],
  );
  await manager.query(
    `INSERT INTO roadmap_skills (roadmap_id, version, stage_id, skill_id, position, priority)
     SELECT $1, $2, s."stageId", s."skillId", s.position, s.priority FROM json_to_recordset($3::json) AS s("stageId" text, "skillId" text, position int, priority text)`,
    [id, version, JSON.stringify(skills.map(({ resources: _resources, ...skill }) => skill))],
  );
  await manager.query(
    `INSERT INTO skill_prerequisites (roadmap_id, version, skill_id, requires_skill_id)
     SELECT $1, $2, p."from", p."to" FROM json_to_recordset($3::json) AS p("from" text, "to" text)`,
    [id, version, JSON.stringify(snapshot.prerequisites)],
  );
  await manager.query(
    `INSERT INTO skill_resources (roadmap_id, version, skill_id, position, url, title, type, free)
     SELECT $1, $2, r."skillId", r.position, r.url, r.title, r.type, r.free FROM json_to_recordset($3::json) AS r("skillId" text, position int, url text, title text, type text, free boolean)`,
    [id, version, JSON.stringify(resources)],
  );
}

/** The content of one published version, rebuilt from its rows in learner order. */
export async function readVersion(manager: EntityManager, roadmapId: string, version: number): Promise<{ content: RoadmapContent; publishedAt: string } | undefined> {
  const [row] = (await manager.query(`SELECT title, summary, kind, tags, published_at FROM roadmap_versions WHERE roadmap_id = $1 AND version = $2`, [roadmapId, version])) as VersionRow[];
  if (!row) return undefined;
  const key = [roadmapId, version];
  // One after another: inside a transaction they share one connection, which runs one query at a time.
  const stages = await manager.query(`SELECT stage_id, title, summary FROM roadmap_stages WHERE roadmap_id = $1 AND version = $2 ORDER BY position`, key);
  const skills = await manager.query(`SELECT stage_id, skill_id, priority FROM roadmap_skills WHERE roadmap_id = $1 AND version = $2 ORDER BY stage_id, position`, key);
  const resources = await manager.query(`SELECT skill_id, title, url, type, free FROM skill_resources WHERE roadmap_id = $1 AND version = $2 ORDER BY skill_id, position`, key);
  const prerequisites = await manager.query(
    `SELECT skill_id, requires_skill_id FROM skill_prerequisites WHERE roadmap_id = $1 AND version = $2 ORDER BY skill_id, requires_skill_id`,
    key,
  );
  const content: RoadmapContent = {
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    tags: row.tags,
    stages: stages.map((stage: { stage_id: string; title: string; summary: string }) => ({
      id: stage.stage_id,
      title: stage.title,
      summary: stage.summary,
      skills: skills
        .filter((skill: { stage_id: string }) => skill.stage_id === stage.stage_id)
        .map((skill: { skill_id: SkillId; priority: RoadmapContent['stages'][number]['skills'][number]['priority'] }) => ({
          skillId: skill.skill_id,
          priority: skill.priority,
          resources: resources
            .filter((resource: { skill_id: string }) => resource.skill_id === skill.skill_id)
            .map(({ title, url, type, free }: { title: string; url: string; type: never; free: boolean }) => ({ title, url, type, free })),
        })),
    })),
    prerequisites: prerequisites.map((edge: { skill_id: SkillId; requires_skill_id: SkillId }) => ({ from: edge.skill_id, to: edge.requires_skill_id })),
  };
  return { content, publishedAt: row.published_at.toISOString() };
}

/** The contract's view of a version: the snapshot plus the names, signal levels and aliases consumers use. */
async function publishedData(manager: EntityManager, snapshot: RoadmapSnapshot) {
  const ids = snapshot.stages.flatMap((stage) => stage.skills.map((skill) => skill.skillId));
  const skills = (await manager.query(`SELECT id, name, signals, COALESCE(aliases, '[]') AS aliases FROM skills WHERE id = ANY($1) ORDER BY id`, [ids])) as {
    id: string;
    name: string;
    signals: never;
    aliases: SkillAlias[];
  }[];
  return {
    roadmapId: snapshot.roadmapId,
    slug: snapshot.slug,
    title: snapshot.title,
    kind: snapshot.kind,
    version: snapshot.version,
    publishedAt: snapshot.publishedAt,
    tags: [...snapshot.tags],
    stages: snapshot.stages.map((stage) => ({
      stageId: stage.stageId,
      title: stage.title,
      position: stage.position,
      skills: stage.skills.map(({ skillId, position, priority }) => ({ skillId, position, priority })),
    })),
    skills: skills.map((skill) => ({
      skillId: skill.id,
      name: skill.name,
      ...(skill.signals ? { signals: signalLevels(skill.signals), signalDetails: skill.signals } : {}),
      aliases: skill.aliases,
    })),
    prerequisites: prerequisitePairs(snapshot.prerequisites),
  };
}
