import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

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
    this.published = new Counter({ name: 'outbox_published_total', help: 'Outbox rows published to Kafka', labelNames: ['topic'], registers });
    this.publishFailures = new Counter({ name: 'outbox_publish_failures_total', help: 'Failed publish attempts by kind (broker unavailable or message rejected)', labelNames: ['kind'], registers });
    this.parked = new Counter({ name: 'outbox_parked_total', help: 'Outbox rows parked after repeated rejection; they block their key until an operator acts', labelNames: ['topic'], registers });
    this.relayLeader = new Gauge({ name: 'outbox_relay_leader', help: '1 while this replica holds the relay lock', registers });
    this.commitToPublish = new Histogram({
      name: 'outbox_commit_to_publish_seconds',
      help: 'Time from the business commit to the broker ack',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.consumed = new Counter({ name: 'inbox_events_total', help: 'Events seen by inbox consumers, by outcome (applied, duplicate, stale, ignored)', labelNames: ['group', 'outcome'], registers });
    this.handlerFailures = new Counter({ name: 'inbox_handler_failures_total', help: 'Handler attempts that threw', labelNames: ['group'], registers });
    this.deadLettered = new Counter({ name: 'inbox_dead_lettered_total', help: 'Events moved to the dead-letter topic', labelNames: ['group', 'reason'], registers });
    this.retried = new Counter({ name: 'inbox_retry_topic_total', help: 'Events moved to the retry topic', labelNames: ['group'], registers });
  }

  private static readonly byRegistry = new WeakMap<Registry, MessagingMetrics>();

  static for(registry: Registry): MessagingMetrics {
    let metrics = MessagingMetrics.byRegistry.get(registry);
    if (!metrics) {
      metrics = new MessagingMetrics(registry);
      MessagingMetrics.byRegistry.set(registry, metrics);
    }
    return metrics;
  }
}
