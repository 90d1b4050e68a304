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

    // One round trip: the version guard (whose row lock also serialises concurrent deliveries
    // for one aggregate) decides applied vs stale, and the inbox insert detects duplicates.
    const [row] = await manager.query(
      `WITH guard AS (
         INSERT INTO inbox_versions (consumer_group, topic, subject, version) VALUES ($1, $2, $3, $4)
         ON CONFLICT (consumer_group, topic, subject) DO UPDATE SET version = EXCLUDED.version
         WHERE inbox_versions.version < EXCLUDED.version
         RETURNING 1
       ), recorded AS (
         INSERT INTO inbox (consumer_group, event_id, event_type, topic, subject, aggregate_version, outcome)
         VALUES ($1, $5, $6, $2, $3, $4, CASE WHEN EXISTS (SELECT 1 FROM guard) THEN 'applied' ELSE 'stale' END)
         ON CONFLICT (consumer_group, event_id) DO NOTHING
         RETURNING outcome
       )
       SELECT (SELECT outcome FROM recorded) AS outcome`,
      [group, topic, envelope.subject, envelope.aggregateVersion, envelope.id, envelope.type],
    );
    const outcome = row?.outcome as 'applied' | 'stale' | null;
    if (outcome === null) return 'duplicate';
    if (outcome === 'stale') return 'stale';
    await handler(manager);
    return 'applied';
  }
}
