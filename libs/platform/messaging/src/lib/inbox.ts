import type { EventEnvelope } from '@pathwise/contracts';
import type { EntityManager } from 'typeorm';

export type InboxOutcome = 'applied' | 'duplicate' | 'stale';

/**
 * The consumer side of exactly-once *effects* over at-least-once delivery. Recording the event id
 * and running the handler share one transaction: either both commit or neither does, so a
 * redelivery after a crash finds the id and does nothing, and a crash before commit leaves no
 * trace and the event is applied on redelivery.
 */
export class Inbox {
  async runOnce(
    manager: EntityManager,
    group: string,
    topic: string,
    envelope: EventEnvelope,
    handler: (manager: EntityManager) => Promise<void>,
  ): Promise<InboxOutcome> {
    if (!manager.queryRunner?.isTransactionActive) throw new Error('inbox.runOnce must run inside a transaction');

    // The version guard runs first: it decides whether this delivery is stale, and its row lock
    // serialises concurrent deliveries for one aggregate.
    const fresh = await manager.query(
      `INSERT INTO inbox_versions (consumer_group, topic, subject, version) VALUES ($1, $2, $3, $4)
       ON CONFLICT (consumer_group, topic, subject) DO UPDATE SET version = EXCLUDED.version
       WHERE inbox_versions.version < EXCLUDED.version
       RETURNING version`,
      [group, topic, envelope.subject, envelope.aggregateVersion],
    );
    const outcome: InboxOutcome = fresh.length > 0 ? 'applied' : 'stale';
    const recorded = await manager.query(
      `INSERT INTO inbox (consumer_group, event_id, event_type, topic, subject, aggregate_version, outcome)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (consumer_group, event_id) DO NOTHING RETURNING event_id`,
      [group, envelope.id, envelope.type, topic, envelope.subject, envelope.aggregateVersion, outcome],
    );
    if (recorded.length === 0) return 'duplicate';
    if (outcome === 'stale') return 'stale';
    await handler(manager);
    return 'applied';
  }
}
