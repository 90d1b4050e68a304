import { Logger } from '@nestjs/common';
import { type Span, SpanKind } from '@opentelemetry/api';
import { contextFromTraceparent, injectSpanContext, recordFailure, startSpan, tracingEnabled } from '@pathwise/platform/observability';
import { type Kafka, KafkaJSError, type Producer } from 'kafkajs';
import { Client, type ClientConfig } from 'pg';
import { Registry } from 'prom-client';
import { MessagingMetrics } from './messaging-metrics';
import { WakeableSleep } from './wakeable-sleep';

export interface OutboxRelayOptions {
  /** Connection for the relay's own session: it holds the leader lock and LISTENs. */
  connection: ClientConfig;
  kafka: Kafka;
  /** Names the advisory lock: one active relay per service, however many replicas run. */
  service: string;
  batchSize?: number;
  /** Fallback when a NOTIFY is missed (e.g. across a reconnect). */
  pollIntervalMs?: number;
  /** How often a standby replica tries to take over. */
  standbyIntervalMs?: number;
  /** Rejections of one row before it is parked. Broker outages never count. */
  maxAttempts?: number;
  /** Published rows older than this are deleted by the leader. */
  retentionMs?: number;
  cleanupIntervalMs?: number;
  registry?: Registry;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  value: string;
  headers: Record<string, string>;
  attempts: number;
  due: boolean;
  /** An earlier row of the same key is parked. */
  blocked: boolean;
  created_at: Date;
}

/**
 * Moves committed outbox rows to Kafka.
 *
 * Order: exactly one relay per service is active (a session advisory lock), and it publishes
 * rows in `position` order with an idempotent producer (acks=all, one request in flight), so the
 * events of one aggregate reach their partition in commit order. If a row cannot be sent yet,
 * later rows with the same key wait behind it.
 *
 * Delivery is at least once: a crash between the broker's ack and `status = 'published'`
 * republishes the row; consumers deduplicate on the event id (inbox).
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly metrics: MessagingMetrics;
  private readonly options: Required<Omit<OutboxRelayOptions, 'registry'>>;
  private client?: Client;
  private producer?: Producer;
  private running = false;
  private readonly pause = new WakeableSleep();
  private loop?: Promise<void>;
  /** When published rows were last deleted; the cleanup runs at most once per `cleanupIntervalMs`. */
  private lastCleanup = 0;
  private outageBackoffMs = 0;

  constructor(options: OutboxRelayOptions) {
    this.options = {
      batchSize: 500,
      pollIntervalMs: 1_000,
      standbyIntervalMs: 2_000,
      maxAttempts: 10,
      retentionMs: 24 * 60 * 60 * 1_000,
      cleanupIntervalMs: 60_000,
      ...options,
    };
    this.logger = new Logger(`OutboxRelay(${options.service})`);
    this.metrics = MessagingMetrics.for(options.registry ?? new Registry());
  }

  get isLeader(): boolean {
    return this.client !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the batch in flight finish, then releases the lock and closes connections. */
  async stop(): Promise<void> {
    this.running = false;
    this.pause.signal();
    await this.loop;
    await this.resign();
    await this.producer?.disconnect();
    this.producer = undefined;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!this.client && !(await this.tryLead())) {
          await this.pause.sleep(this.options.standbyIntervalMs);
          continue;
        }
        this.pause.clear();
        const sent = await this.relayBatch();
        await this.cleanupIfDue();
        if (sent < this.options.batchSize) await this.pause.sleep(this.outageBackoffMs || this.options.pollIntervalMs);
      } catch (error) {
        // Lost the database session (and with it the lock): step down and compete again.
        this.logger.error({ err: error }, 'relay session failed; stepping down');
        await this.resign();
        await this.pause.sleep(this.options.standbyIntervalMs);
      }
    }
  }

  private async tryLead(): Promise<boolean> {
    const client = new Client({ ...this.options.connection, application_name: `${this.options.service}-outbox-relay` });
    client.on('error', (error) => this.logger.warn({ err: error }, 'relay connection error'));
    await client.connect();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [`outbox-relay:${this.options.service}`]);
    if (!rows[0]?.locked) {
      await client.end();
      return false;
    }
    client.on('notification', () => this.pause.signal());
    await client.query('LISTEN outbox');
    this.client = client;
    this.metrics.relayLeader.set(1);
    this.logger.log('became the active relay');
    return true;
  }

  private async resign(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.metrics.relayLeader.set(0);
    // Ending the session releases the advisory lock even when the unlock query cannot run.
    await client?.end().catch((error: unknown) => this.logger.warn({ err: error }, 'closing relay connection failed'));
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 3, maxRetryTime: 5_000 } });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  /** Publishes the oldest due rows; returns how many were published. */
  private async relayBatch(): Promise<number> {
    const client = this.client as Client;
    // One round trip per batch; the parked check is served by the partial index outbox_parked_idx.
    const { rows } = await client.query<OutboxRow>(
      `SELECT o.id, o.topic, o.message_key, o.value, o.headers, o.attempts, o.available_at <= now() AS due, o.created_at,
              EXISTS (SELECT 1 FROM outbox p WHERE p.status = 'parked' AND p.topic = o.topic AND p.message_key = o.message_key) AS blocked
         FROM outbox o WHERE o.status = 'pending' ORDER BY o.position LIMIT $1`,
      [this.options.batchSize],
    );
    if (rows.length === 0) return 0;

    const blocked = new Set<string>();
    const ready: OutboxRow[] = [];
    for (const row of rows) {
      const key = `${row.topic}\u0000${row.message_key}`;
      if (row.blocked || blocked.has(key)) continue;
      // A row waiting out its backoff holds back every later row of its key (per-key order).
      if (!row.due) {
        blocked.add(key);
        continue;
      }
      ready.push(row);
    }
    if (ready.length === 0) return 0;

    try {
      await this.send(ready);
    } catch (error) {
      return this.handleSendFailure(ready, error);
    }
    await this.markPublished(ready);
    return ready.length;
  }

  private async send(rows: OutboxRow[]): Promise<void> {
    const producer = await this.connectedProducer();
    const spans: Span[] = [];
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.message_key, value: row.value, headers: tracingEnabled() ? this.traced(row, spans) : row.headers });
      byTopic.set(row.topic, messages);
    }
    try {
      await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    } catch (error) {
      for (const span of spans) recordFailure(span, error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  /**
   * A PRODUCER span per row, child of the context the row was appended in; the record carries the
   * span's traceparent, so consumers continue the trace from the publish.
   */
  private traced(row: OutboxRow, spans: Span[]): Record<string, string> {
    const span = startSpan(
      `publish ${row.topic}`,
      { kind: SpanKind.PRODUCER, attributes: { 'messaging.system': 'kafka', 'messaging.operation.type': 'send', 'messaging.destination.name': row.topic, 'messaging.message.id': row.id, 'messaging.kafka.message.key': row.message_key } },
      contextFromTraceparent(row.headers['traceparent']),
    );
    spans.push(span);
    return injectSpanContext(span, { ...row.headers });
  }

  private async markPublished(rows: OutboxRow[]): Promise<void> {
    await (this.client as Client).query(`UPDATE outbox SET status = 'published', published_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((row) => row.id)]);
    this.outageBackoffMs = 0;
    const now = Date.now();
    for (const row of rows) {
      this.metrics.published.inc({ topic: row.topic });
      this.metrics.commitToPublish.observe((now - row.created_at.getTime()) / 1000);
    }
  }

  /**
   * A broker outage (connection refused, leader not available, timeouts) is not the rows' fault:
   * back off and try again, never counting it towards parking, so a long outage only grows the
   * backlog. A rejection of the messages themselves is retried row by row to find the culprit,
   * which is retried with backoff and parked after maxAttempts.
   */
  private async handleSendFailure(rows: OutboxRow[], error: unknown): Promise<number> {
    if (isBrokerUnavailable(error)) {
      this.metrics.publishFailures.inc({ kind: 'broker-unavailable' });
      this.outageBackoffMs = Math.min(Math.max(this.outageBackoffMs * 2, 250), 5_000);
      this.logger.warn({ err: error, pending: rows.length, retryInMs: this.outageBackoffMs }, 'kafka unavailable; outbox rows stay pending');
      await this.producer?.disconnect().catch((disconnectError: unknown) => this.logger.warn({ err: disconnectError }, 'closing the producer failed'));
      this.producer = undefined;
      return 0;
    }
    let published = 0;
    const failedKeys = new Set<string>();
    for (const row of rows) {
      const key = `${row.topic}\u0000${row.message_key}`;
      if (failedKeys.has(key)) continue;
      try {
        await this.send([row]);
        await this.markPublished([row]);
        published += 1;
      } catch (rowError) {
        failedKeys.add(key);
        await this.recordRejection(row, rowError);
      }
    }
    return published;
  }

  private async recordRejection(row: OutboxRow, error: unknown): Promise<void> {
    const attempts = row.attempts + 1;
    const park = attempts >= this.options.maxAttempts;
    const backoffMs = Math.min(500 * 2 ** row.attempts, 60_000);
    await (this.client as Client).query(
      `UPDATE outbox SET attempts = $2, last_error = $3, status = $4, available_at = now() + make_interval(secs => $5::double precision / 1000) WHERE id = $1`,
      [row.id, attempts, String(error instanceof Error ? error.message : error).slice(0, 2_000), park ? 'parked' : 'pending', backoffMs],
    );
    this.metrics.publishFailures.inc({ kind: 'rejected' });
    if (park) {
      this.metrics.parked.inc({ topic: row.topic });
      this.logger.error({ outboxId: row.id, topic: row.topic, key: row.message_key, attempts, err: error }, 'outbox row parked; its key is blocked until an operator requeues it');
    }
  }

  private async cleanupIfDue(): Promise<void> {
    if (Date.now() - this.lastCleanup < this.options.cleanupIntervalMs) return;
    this.lastCleanup = Date.now();
    await (this.client as Client).query(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox WHERE status = 'published' AND published_at < now() - make_interval(secs => $1::double precision / 1000) LIMIT 10000)`,
      [this.options.retentionMs],
    );
  }
}

/** kafkajs marks transient failures retriable; connection-level errors are outages too. */
function isBrokerUnavailable(error: unknown): boolean {
  if (!(error instanceof KafkaJSError)) return false;
  const name = error.name;
  if (['KafkaJSConnectionError', 'KafkaJSRequestTimeoutError', 'KafkaJSBrokerNotFound', 'KafkaJSConnectionClosedError', 'KafkaJSMetadataNotLoaded', 'KafkaJSLockTimeout'].includes(name)) return true;
  if (name === 'KafkaJSNumberOfRetriesExceeded' || name === 'KafkaJSNonRetriableError') {
    const cause = (error as KafkaJSError & { cause?: unknown }).cause;
    return cause === undefined ? true : isBrokerUnavailable(cause);
  }
  return error.retriable;
}
