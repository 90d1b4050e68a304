import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { WakeableSleep } from '@pathwise/platform/messaging';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { RecomputeRecommendationsHandler } from './recompute-recommendations.handler';

export const RECOMPUTE_OPTIONS = Symbol('RECOMPUTE_OPTIONS');

export interface RecomputeOptions {
  enabled: boolean;
  databaseUrl: string;
  /** Learners recomputed per transaction. */
  batchSize?: number;
  idleMs?: number;
}

/**
 * Drains `pending_recomputes` (filled when a new roadmap version or a skill's signals touch many
 * learners) in small transactions: `FOR UPDATE SKIP LOCKED` lets several replicas share the queue,
 * and a crash mid-batch leaves the rows queued for the next pass.
 */
@Injectable()
export class RecomputeWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RecomputeWorker.name);
  private readonly sleep = new WakeableSleep();
  private running = false;
  private loop?: Promise<void>;
  private listener?: Client;

  constructor(
    private readonly dataSource: DataSource,
    private readonly recompute: RecomputeRecommendationsHandler,
    @Inject(RECOMPUTE_OPTIONS) private readonly options: RecomputeOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A hybrid app bootstraps once more per connected microservice: start one loop only.
    if (!this.options.enabled || this.running) return;
    this.running = true;
    this.listener = new Client({ connectionString: this.options.databaseUrl, application_name: 'recommendation-recompute-listener' });
    this.listener.on('notification', () => this.sleep.signal());
    this.listener.on('error', (error) => this.logger.warn({ err: error }, 'recompute listener lost; polling only'));
    await this.listener.connect();
    await this.listener.query('LISTEN recommendation_recomputes');
    this.loop = this.run();
  }

  /** Before the database closes (onApplicationShutdown): the batch in flight commits first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.sleep.signal();
    await this.loop;
    await this.listener?.end().catch((error: unknown) => this.logger.warn({ err: error }, 'closing the recompute LISTEN session failed'));
  }

  /** One batch; answers how many learners it recomputed (0 when the queue is empty). */
  async drainOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: { learner_id: string; roadmap_id: string }[] = await manager.query(
        // A CTE, because a bare DELETE … RETURNING comes back from TypeORM as [rows, count].
        `WITH claimed AS (
           DELETE FROM pending_recomputes WHERE (learner_id, roadmap_id) IN (
             SELECT learner_id, roadmap_id FROM pending_recomputes ORDER BY queued_at LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING learner_id, roadmap_id)
         SELECT learner_id, roadmap_id FROM claimed`,
        [this.options.batchSize ?? 50],
      );
      for (const row of rows) await this.recompute.execute(manager, row.learner_id, { roadmapId: row.roadmap_id });
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.sleep.clear();
      try {
        if ((await this.drainOnce()) > 0) continue;
      } catch (error) {
        this.logger.error({ err: error }, 'recompute batch failed; it stays queued');
      }
      await this.sleep.sleep(this.options.idleMs ?? 1_000);
    }
  }
}
