import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NEXT_EVENTS_SQL } from '../progress-projector';
import { moveCheckpoint, projectEvents, READ_MODELS_PROJECTION, type StoredEventRow } from '../read-models.projection';

export interface RebuildResult {
  readonly events: number;
  readonly enrollments: number;
}

const BATCH = 1_000;

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
      for (;;) {
        const batch: StoredEventRow[] = await manager.query(NEXT_EVENTS_SQL, [cursor.transactionId, cursor.position, BATCH]);
        if (batch.length === 0) break;
        await projectEvents(manager, batch);
        const last = batch[batch.length - 1] as StoredEventRow;
        cursor = { transactionId: last.transaction_id, position: last.position };
        events += batch.length;
      }
      await moveCheckpoint(manager, cursor.transactionId, cursor.position);
      const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM enrollment_progress');
      return { events, enrollments: count };
    });
  }
}
