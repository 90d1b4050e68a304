import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { WakeableSleep } from '@pathwise/platform/messaging';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ProjectionMetrics } from './projection-metrics';
import { moveCheckpoint, projectEvents, READ_MODELS_PROJECTION, STORED_EVENT_COLUMNS, type StoredEventRow } from './read-models.projection';

export interface ProjectorOptions {
  /** Run the live projector in this process (every replica may; one batch runs at a time). */
  enabled: boolean;
  /** For the LISTEN session that wakes the projector when events commit. */
  databaseUrl: string;
  batchSize?: number;
  /** Fallback poll when no notification arrives (events held back by an older open transaction). */
  pollIntervalMs?: number;
}

export const PROJECTOR_OPTIONS = Symbol('PROJECTOR_OPTIONS');

/**
 * Events a reader may project now: past the checkpoint, and appended by transactions older than
 * every transaction still running. Positions are assigned at insert but become visible at commit,
 * so reading by position alone could pass over an event that commits late; the transaction-id
 * horizon (pg_snapshot_xmin) guarantees nothing will ever appear behind the checkpoint.
 *
 * Every column is qualified: the select list renames `transaction_id::text` to `transaction_id`,
 * and an unqualified ORDER BY binds to that output column, so it sorted ids as text ("10000" before
 * "9999") and the scan jumped past events whenever ids crossed a digit boundary.
 */
export const NEXT_EVENTS_SQL = `SELECT ${STORED_EVENT_COLUMNS} FROM event_store e
  WHERE (e.transaction_id, e.position) > ($1::xid8, $2::bigint) AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY e.transaction_id, e.position LIMIT $3`;

/** Keeps the read models in step with the event store, from a checkpoint, in batches. */
@Injectable()
export class ProgressProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ProgressProjector.name);
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private running = false;
  private readonly pause = new WakeableSleep();
  private loop?: Promise<void>;
  private listener?: Client;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: ProjectionMetrics,
    @Inject(PROJECTOR_OPTIONS) private readonly options: ProjectorOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.enabled) await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  /** Lets the batch in flight commit, then closes the LISTEN session. */
  async stop(): Promise<void> {
    this.running = false;
    this.pause.signal();
    await this.loop;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch((error: unknown) => this.logger.warn({ err: error }, 'closing the projector LISTEN session failed'));
  }

  /** Projects until nothing eligible is left; answers the number of events projected. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (let projected = await this.runBatch(); projected > 0; projected = await this.runBatch()) total += projected;
    return total;
  }

  /** One batch in one transaction: read past the checkpoint, fold, move the checkpoint; answers the events read. */
  async runBatch(): Promise<number> {
    const rows = await this.dataSource.transaction(async (manager) => {
      // SKIP LOCKED: another replica's batch or a rebuild holds the checkpoint; let it work.
      const [checkpoint] = await manager.query('SELECT transaction_id::text AS transaction_id, position FROM projection_checkpoints WHERE name = $1 FOR UPDATE SKIP LOCKED', [
        READ_MODELS_PROJECTION,
      ]);
      if (!checkpoint) return { seen: 0, applied: [] as StoredEventRow[] };
      const batch: StoredEventRow[] = await manager.query(NEXT_EVENTS_SQL, [checkpoint.transaction_id, checkpoint.position, this.batchSize]);
      if (batch.length === 0) return { seen: 0, applied: [] };
      const applied = await projectEvents(manager, batch);
      const last = batch[batch.length - 1] as StoredEventRow;
      await moveCheckpoint(manager, last.transaction_id, last.position);
      return { seen: batch.length, applied };
    });
    const committedAt = Date.now();
    for (const row of rows.applied) this.metrics.lag.observe({ projection: READ_MODELS_PROJECTION }, Math.max(0, committedAt - row.recorded_at.getTime()) / 1000);
    this.metrics.projected.inc({ projection: READ_MODELS_PROJECTION }, rows.applied.length);
    return rows.seen;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        this.pause.clear();
        const projected = await this.runBatch();
        if (projected < this.batchSize) await this.pause.sleep(this.pollIntervalMs);
      } catch (error) {
        // The checkpoint did not move, so the batch is retried from the same place.
        this.logger.error({ err: error }, 'projection batch failed; retrying');
        await this.pause.sleep(1_000);
      }
    }
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.options.databaseUrl, application_name: 'progress-projector' });
    client.on('error', (error) => this.logger.warn({ err: error }, 'projector LISTEN session error; polling continues'));
    client.on('notification', () => this.pause.signal());
    await client.connect();
    await client.query('LISTEN progress_events');
    this.listener = client;
  }

}
