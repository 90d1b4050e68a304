import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NEXT_EVENTS_SQL } from '../progress-projector';
import { projectEvents, READ_MODELS_PROJECTION, type StoredEventRow } from '../read-models.projection';

export interface RebuildResult {
  readonly events: number;
  readonly enrollments: number;
}

const BATCH = 1_000;
const SETTLE_TIMEOUT_MS = 60_000;
const HELD_BACK_SQL = `SELECT EXISTS (SELECT 1 FROM event_store WHERE (transaction_id, position) > ($1::xid8, $2::bigint)) AS held`;

/**
 * Rebuilds the read models from the first event, in one transaction: readers keep seeing the old
 * rows until the new ones commit (DELETE, not TRUNCATE, so no exclusive lock), and the live
 * projector skips its batches meanwhile because this transaction holds the checkpoint row.
 * After commit the live projector continues from the checkpoint the rebuild reached.
 */
@Injectable()
export class RebuildProjectionsHandler {
  constructor(private readonly dataSource: DataSource) {}

  async execute(): Promise<RebuildResult> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [READ_MODELS_PROJECTION]);
      await manager.query('SELECT 1 FROM projection_checkpoints WHERE name = $1 FOR UPDATE', [READ_MODELS_PROJECTION]);
      await manager.query('DELETE FROM progress_timeline');
      await manager.query('DELETE FROM enrollment_progress');
      let cursor = { transactionId: '0', position: '0' };
      let events = 0;
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      for (;;) {
        const batch: StoredEventRow[] = await manager.query(NEXT_EVENTS_SQL, [cursor.transactionId, cursor.position, BATCH]);
        if (batch.length === 0) {
          // Committed events can sit behind the horizon while an older transaction anywhere in the
          // cluster is still open. A rebuild must not stop short of them: wait for the horizon,
          // and fail loudly rather than return a partial rebuild.
          const [{ held }] = await manager.query(HELD_BACK_SQL, [cursor.transactionId, cursor.position]);
          if (!held) break;
          if (Date.now() > deadline) throw new Error(`rebuild: committed events are still held back by an open transaction after ${SETTLE_TIMEOUT_MS} ms; retry when it ends`);
          await new Promise((resolve) => setTimeout(resolve, 200));
          continue;
        }
        await projectEvents(manager, batch);
        const last = batch[batch.length - 1] as StoredEventRow;
        cursor = { transactionId: last.transaction_id, position: last.position };
        events += batch.length;
      }
      await manager.query('UPDATE projection_checkpoints SET transaction_id = $2::xid8, position = $3, updated_at = now() WHERE name = $1', [
        READ_MODELS_PROJECTION,
        cursor.transactionId,
        cursor.position,
      ]);
      const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM enrollment_progress');
      return { events, enrollments: count };
    });
  }
}
