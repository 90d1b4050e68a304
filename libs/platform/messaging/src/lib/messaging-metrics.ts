import { metricOnce } from '@pathwise/platform/observability';
import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';

/** Metrics for the outbox relay and inbox consumers; registered once per app registry. */
export class MessagingMetrics {
  readonly published: Counter<'topic'>;
  readonly publishFailures: Counter<'kind'>;
  readonly parked: Counter<'topic'>;
  readonly relayLeader: Gauge;
  readonly commitToPublish: Histogram;
  readonly consumed: Counter<'group' | 'outcome'>;
  readonly handlerFailures: Counter<'group'>;
  readonly deadLettered: Counter<'group' | 'reason'>;
  readonly retried: Counter<'group'>;

  constructor(registry: Registry) {
    const registers = [registry];
    const once = <T extends Metric>(name: string, create: (name: string) => T): T => metricOnce(registry, name, create);
    this.published = once('outbox_published_total', (name) => new Counter({ name, help: 'Outbox rows published to Kafka', labelNames: ['topic'], registers }));
    this.publishFailures = once('outbox_publish_failures_total', (name) => new Counter({ name, help: 'Failed publish attempts by kind (broker unavailable or message rejected)', labelNames: ['kind'], registers }));
    this.parked = once('outbox_parked_total', (name) => new Counter({ name, help: 'Outbox rows parked after repeated rejection; they block their key until an operator acts', labelNames: ['topic'], registers }));
    this.relayLeader = once('outbox_relay_leader', (name) => new Gauge({ name, help: '1 while this replica holds the relay lock', registers }));
    this.commitToPublish = once(
      'outbox_commit_to_publish_seconds',
      (name) =>
        new Histogram({
          name,
          help: 'Time from the business commit to the broker ack',
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
          registers,
        }),
    );
    this.consumed = once('inbox_events_total', (name) => new Counter({ name, help: 'Events seen by inbox consumers, by outcome (applied, duplicate, stale, held, ignored)', labelNames: ['group', 'outcome'], registers }));
    this.handlerFailures = once('inbox_handler_failures_total', (name) => new Counter({ name, help: 'Handler attempts that threw', labelNames: ['group'], registers }));
    this.deadLettered = once('inbox_dead_lettered_total', (name) => new Counter({ name, help: 'Events moved to the dead-letter topic', labelNames: ['group', 'reason'], registers }));
    this.retried = once('inbox_retry_topic_total', (name) => new Counter({ name, help: 'Events moved to the retry topic', labelNames: ['group'], registers }));
  }

  static for(registry: Registry): MessagingMetrics {
    return new MessagingMetrics(registry);
  }
}
