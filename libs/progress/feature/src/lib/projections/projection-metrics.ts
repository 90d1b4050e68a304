import { Inject, Injectable, Logger } from '@nestjs/common';
import { METRICS_REGISTRY } from '@pathwise/platform/observability';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { READ_MODELS_PROJECTION } from './read-models.projection';

/**
 * Projection lag, two ways: per event, the time from its append to the commit of its projection;
 * and, at every scrape, the age of the oldest event not projected yet — which keeps growing when
 * the projector is stuck, whereas a stuck projector records no per-event lag at all.
 */
@Injectable()
export class ProjectionMetrics {
  private readonly logger = new Logger(ProjectionMetrics.name);
  readonly lag: Histogram<'projection'>;
  readonly projected: Counter<'projection'>;
  readonly probeFailures: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry, dataSource: DataSource) {
    const registers = [registry];
    this.lag = new Histogram({
      name: 'progress_projection_lag_seconds',
      help: 'Time from an event being appended to the event store to its projection committing',
      labelNames: ['projection'],
      buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.projected = new Counter({ name: 'progress_projection_events_total', help: 'Events folded into the read models', labelNames: ['projection'], registers });
    this.probeFailures = new Counter({ name: 'progress_projection_backlog_probe_failures_total', help: 'Scrapes where the backlog age could not be read', registers });
    const logger = this.logger;
    const probeFailures = this.probeFailures;
    new Gauge({
      name: 'progress_projection_backlog_age_seconds',
      help: 'Age of the oldest event the read models have not projected yet (0 when caught up)',
      labelNames: ['projection'],
      registers,
      async collect() {
        try {
          const [row] = await dataSource.query(
            `SELECT COALESCE(EXTRACT(EPOCH FROM clock_timestamp() - min(e.recorded_at)), 0)::float8 AS age
               FROM event_store e JOIN projection_checkpoints c ON c.name = $1
              WHERE (e.transaction_id, e.position) > (c.transaction_id, c.position)`,
            [READ_MODELS_PROJECTION],
          );
          this.set({ projection: READ_MODELS_PROJECTION }, Number(row.age));
        } catch (error) {
          // The scrape still answers with every other metric; the failure itself is counted.
          probeFailures.inc();
          logger.warn({ err: error }, 'could not read the projection backlog age');
        }
      },
    });
  }
}
