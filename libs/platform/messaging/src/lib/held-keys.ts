import type { EntityManager } from 'typeorm';
import type { HeldEvent } from './failure-route';

interface HeldEventRow {
  original_offset: string;
  event_id: string;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * SQL over `inbox_held_keys` and `inbox_held_events` (ADR 0013). Every call runs in the caller's
 * transaction: the hold row lock is what orders parking (main topic) against releasing (retry topic).
 */
export class HeldKeys {
  constructor(private readonly group: string) {}

  /** The held keys among `keys`, share-locked so none is released before this transaction ends. */
  async lockHeld(manager: EntityManager, topic: string, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows: { message_key: string }[] = await manager.query(
      'SELECT message_key FROM inbox_held_keys WHERE consumer_group = $1 AND topic = $2 AND message_key = ANY($3) FOR SHARE',
      [this.group, topic, keys],
    );
    return new Set(rows.map((row) => row.message_key));
  }

  /** The head event id of a held key (row-locked), or undefined when the key is not held. */
  async lockHead(manager: EntityManager, topic: string, key: string): Promise<string | undefined> {
    const [row] = await manager.query('SELECT head_event_id FROM inbox_held_keys WHERE consumer_group = $1 AND topic = $2 AND message_key = $3 FOR UPDATE', [this.group, topic, key]);
    return row?.head_event_id;
  }

  /** Holds the key behind `headEventId` (a follower that failed becomes the new head). */
  async hold(manager: EntityManager, topic: string, key: string, headEventId: string): Promise<void> {
    await manager.query(
      `INSERT INTO inbox_held_keys (consumer_group, topic, message_key, head_event_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (consumer_group, topic, message_key) DO UPDATE SET head_event_id = EXCLUDED.head_event_id`,
      [this.group, topic, key, headEventId],
    );
  }

  /** Parks an event behind its key's head; a second copy of the same offset is a no-op. */
  async park(manager: EntityManager, topic: string, key: string, event: HeldEvent): Promise<void> {
    await manager.query(
      `INSERT INTO inbox_held_events (consumer_group, topic, message_key, original_offset, event_id, value, headers) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING`,
      [this.group, topic, key, event.originalOffset, event.eventId, event.value, event.headers],
    );
  }

  async followers(manager: EntityManager, topic: string, key: string): Promise<HeldEvent[]> {
    const rows: HeldEventRow[] = await manager.query(
      'SELECT original_offset::text, event_id, value, headers FROM inbox_held_events WHERE consumer_group = $1 AND topic = $2 AND message_key = $3 ORDER BY original_offset',
      [this.group, topic, key],
    );
    return rows.map((row) => ({ originalOffset: row.original_offset, eventId: row.event_id, value: row.value, headers: row.headers }));
  }

  async unpark(manager: EntityManager, topic: string, key: string, event: HeldEvent): Promise<void> {
    await manager.query('DELETE FROM inbox_held_events WHERE consumer_group = $1 AND topic = $2 AND message_key = $3 AND original_offset = $4', [this.group, topic, key, event.originalOffset]);
  }

  async release(manager: EntityManager, topic: string, key: string): Promise<void> {
    await manager.query('DELETE FROM inbox_held_keys WHERE consumer_group = $1 AND topic = $2 AND message_key = $3', [this.group, topic, key]);
  }
}
