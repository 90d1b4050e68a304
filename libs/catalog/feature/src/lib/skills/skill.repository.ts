import { Injectable } from '@nestjs/common';
import { Skill, SkillAlreadyExists, SkillNotFound, StaleRevision, type MarketSignals, type SkillId } from '@pathwise/catalog/domain';
import { SkillUpdated as SkillUpdatedContract } from '@pathwise/contracts';
import { Outbox } from '@pathwise/platform/messaging';
import type { EntityManager } from 'typeorm';
import type { SkillRecord } from './skill.record';

/** Consumers need the levels only; sources and dates stay in the catalog's API. */
export function signalLevels(signals: MarketSignals) {
  return { importance: signals.importance.level, marketDemand: signals.marketDemand.level, automationRisk: signals.automationRisk.level };
}

@Injectable()
export class SkillRepository {
  constructor(private readonly outbox: Outbox) {}

  // Plain SQL here and in save(): the seed loader runs on a DataSource with no entities registered.
  async get(manager: EntityManager, id: SkillId): Promise<Skill> {
    const [record] = (await manager.query(`SELECT id, slug, name, description, signals, aliases, revision FROM skills WHERE id = $1`, [id])) as Omit<SkillRecord, 'updatedAt'>[];
    if (!record) throw new SkillNotFound(id);
    return Skill.restore({
      id: record.id as SkillId,
      slug: record.slug,
      name: record.name,
      description: record.description,
      revision: record.revision,
      ...(record.signals ? { signals: record.signals } : {}),
      aliases: record.aliases ?? [],
    });
  }

  /** Ids of the given skills that do not exist, so a draft never references a skill nobody defined. */
  async missing(manager: EntityManager, ids: readonly SkillId[]): Promise<SkillId[]> {
    const found = (await manager.query(`SELECT id FROM skills WHERE id = ANY($1)`, [ids])) as { id: SkillId }[];
    const existing = new Set(found.map((row) => row.id));
    return ids.filter((id) => !existing.has(id));
  }

  /**
   * Inserts the skills that do not exist yet and leaves existing ones untouched; returns how many
   * were inserted. One statement whatever the count: jsonb_to_recordset unpacks the rows server-side.
   */
  async insertIfAbsent(manager: EntityManager, skills: readonly Skill[]): Promise<number> {
    const rows = skills.map((skill) => {
      const { id, slug, name, description, signals, aliases, revision } = skill.toState();
      // An absent key reads as NULL, which is what a skill without signals stores.
      return { id, slug, name, description, revision, aliases, ...(signals ? { signals } : {}) };
    });
    const inserted = (await manager.query(
      `INSERT INTO skills (id, slug, name, description, signals, aliases, revision)
       SELECT s.id, s.slug, s.name, s.description, s.signals, s.aliases, s.revision
         FROM jsonb_to_recordset($1::jsonb) AS s(id text, slug text, name text, description text, signals jsonb, aliases jsonb, revision int)
       ON CONFLICT DO NOTHING RETURNING id`,
      [JSON.stringify(rows)],
    )) as unknown[];
    return inserted.length;
  }

  async add(manager: EntityManager, skill: Skill): Promise<void> {
    if ((await this.insertIfAbsent(manager, [skill])) !== 1) throw new SkillAlreadyExists(skill.id);
  }

  async save(manager: EntityManager, skill: Skill, loadedRevision: number): Promise<void> {
    const state = skill.toState();
    const [, affected] = (await manager.query(
      `UPDATE skills SET name = $3, description = $4, signals = $5::jsonb, aliases = $6::jsonb, revision = $7, updated_at = now() WHERE id = $1 AND revision = $2`,
      [state.id, loadedRevision, state.name, state.description, state.signals ? JSON.stringify(state.signals) : null, JSON.stringify(state.aliases), state.revision],
    )) as [unknown[], number];
    if (affected !== 1) {
      // The error needs only the row's current revision; a vanished row is reported as a lost race too, not as SkillNotFound.
      const [current] = (await manager.query(`SELECT revision FROM skills WHERE id = $1`, [state.id])) as { revision: number }[];
      throw new StaleRevision(state.id, loadedRevision, current?.revision ?? -1);
    }
    for (const event of skill.pullEvents()) {
      await this.outbox.append(manager, SkillUpdatedContract, {
        subject: event.aggregateId,
        aggregateVersion: event.aggregateVersion,
        time: new Date(event.occurredAt),
        data: {
          skillId: event.skill.id,
          name: event.skill.name,
          description: event.skill.description,
          ...(event.skill.signals ? { signals: signalLevels(event.skill.signals), signalDetails: event.skill.signals } : {}),
          aliases: [...event.skill.aliases],
          updatedAt: event.occurredAt,
        },
      });
    }
  }
}
