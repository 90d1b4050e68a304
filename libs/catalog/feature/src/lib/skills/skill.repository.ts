import { Injectable } from '@nestjs/common';
import { Skill, SkillAlreadyExists, SkillNotFound, StaleRevision, type MarketSignals, type SkillId } from '@pathwise/catalog/domain';
import { SkillUpdated as SkillUpdatedContract } from '@pathwise/contracts';
import { Outbox } from '@pathwise/platform/messaging';
import type { EntityManager } from 'typeorm';
import { SkillRecord } from './skill.record';

/** Consumers need the levels only; sources and dates stay in the catalog's API. */
export function signalLevels(signals: MarketSignals) {
  return { importance: signals.importance.level, marketDemand: signals.marketDemand.level, automationRisk: signals.automationRisk.level };
}

@Injectable()
export class SkillRepository {
  constructor(private readonly outbox: Outbox) {}

  async get(manager: EntityManager, id: SkillId): Promise<Skill> {
    const record = await manager.getRepository(SkillRecord).findOneBy({ id });
    if (!record) throw new SkillNotFound(id);
    return Skill.restore({
      id: record.id as SkillId,
      slug: record.slug,
      name: record.name,
      description: record.description,
      revision: record.revision,
      ...(record.signals ? { signals: record.signals } : {}),
    });
  }

  /** Ids of the given skills that do not exist, so a draft never references a skill nobody defined. */
  async missing(manager: EntityManager, ids: readonly SkillId[]): Promise<SkillId[]> {
    const found = (await manager.query(`SELECT id FROM skills WHERE id = ANY($1)`, [ids])) as { id: SkillId }[];
    const existing = new Set(found.map((row) => row.id));
    return ids.filter((id) => !existing.has(id));
  }

  /** Returns false when a skill with this id already exists (and leaves it untouched). */
  async insertIfAbsent(manager: EntityManager, skill: Skill): Promise<boolean> {
    const state = skill.toState();
    const inserted = (await manager.query(
      `INSERT INTO skills (id, slug, name, description, signals, revision) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [state.id, state.slug, state.name, state.description, state.signals ?? null, state.revision],
    )) as unknown[];
    return inserted.length === 1;
  }

  async add(manager: EntityManager, skill: Skill): Promise<void> {
    if (!(await this.insertIfAbsent(manager, skill))) throw new SkillAlreadyExists(skill.id);
  }

  async save(manager: EntityManager, skill: Skill, loadedRevision: number, correlationId?: string): Promise<void> {
    const state = skill.toState();
    const result = await manager
      .createQueryBuilder()
      .update(SkillRecord)
      .set({ name: state.name, description: state.description, signals: state.signals ?? null, revision: state.revision })
      .where('id = :id AND revision = :loadedRevision', { id: state.id, loadedRevision })
      .execute();
    if (result.affected !== 1) throw new StaleRevision(state.id, loadedRevision, (await this.get(manager, skill.id)).revision);
    for (const event of skill.pullEvents()) {
      await this.outbox.append(manager, SkillUpdatedContract, {
        subject: event.aggregateId,
        aggregateVersion: event.aggregateVersion,
        time: new Date(event.occurredAt),
        ...(correlationId ? { correlationId } : {}),
        data: {
          skillId: event.skill.id,
          name: event.skill.name,
          description: event.skill.description,
          ...(event.skill.signals ? { signals: signalLevels(event.skill.signals) } : {}),
          updatedAt: event.occurredAt,
        },
      });
    }
  }
}
