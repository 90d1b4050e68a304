import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { deadLetterTopic, type EventContract, type EventEnvelope, fromKafkaRecord, headerText, InvalidEventError, retryTopic, validateData } from '@pathwise/contracts';
import type { Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { lastValueFrom } from 'rxjs';
import { Registry } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { Inbox, type InboxOutcome } from './inbox';
import { InboxContext } from './inbox-context';
import { MessagingMetrics } from './messaging-metrics';

export interface InboxServerOptions {
  kafka: Kafka;
  dataSource: DataSource;
  /** Consumer group, `<service>.<purpose>`. */
  group: string;
  /** Contracts this group handles; the server subscribes to their topics (and its retry topics). */
  contracts: readonly EventContract[];
  /** In-process attempts per delivery before the event moves to the retry topic. */
  attempts?: number;
  backoffMs?: number;
  /** Delays of the retry-topic rounds; after the last one the event goes to the dead-letter topic. */
  retryDelaysMs?: number[];
  partitionsConsumedConcurrently?: number;
  /** How long the group waits for a silent member before handing its partitions to another. */
  sessionTimeoutMs?: number;
  /** Messages applied per database transaction (one savepoint each). */
  chunkSize?: number;
  registry?: Registry;
}

/** Headers Pathwise adds when it moves an event to a retry or dead-letter topic. */
export const FAILURE_HEADERS = {
  originalTopic: 'pathwise-original-topic',
  originalPartition: 'pathwise-original-partition',
  originalOffset: 'pathwise-original-offset',
  retryRound: 'pathwise-retry-round',
  notBefore: 'pathwise-not-before',
  error: 'pathwise-error',
  failedAt: 'pathwise-failed-at',
  group: 'pathwise-consumer-group',
} as const;

interface DecodedEvent {
  kind: 'event';
  /** The topic the event was published on (for a retried event, the original topic). */
  topic: string;
  envelope: EventEnvelope;
  data: unknown;
  handler: MessageHandler;
}

type Decoded = DecodedEvent | { kind: 'ignored' } | { kind: 'invalid'; topic: string; error: InvalidEventError };

function header(headers: IHeaders | undefined, name: string): string | undefined {
  return headerText(headers?.[name]);
}

/**
 * A @nestjs/microservices transport that feeds `@EventPattern(<ce type>)` handlers through the
 * inbox. Handler code never touches offsets; for each message the server
 *   1. validates the CloudEvents envelope and the payload against the contract (invalid → DLQ),
 *   2. runs the handler inside `inbox.runOnce` (dedupe + stale-version guard in the same
 *      transaction as the handler's writes; a run of messages shares one transaction, each in
 *      its own savepoint),
 *   3. retries a failing handler a few times with backoff, then moves the event to the group's
 *      retry topic, and after the last retry round to the dead-letter topic — the partition
 *      keeps flowing,
 *   4. commits offset + 1 only after the message's transaction committed (or it was moved).
 * The stock Kafka transport commits on its own schedule and knows nothing about a transaction,
 * hence a custom strategy.
 */
export class KafkaInboxServer extends Server implements CustomTransportStrategy {
  private readonly inbox = new Inbox();
  private readonly metrics: MessagingMetrics;
  private readonly settings: Required<Omit<InboxServerOptions, 'registry'>>;
  private readonly contractsByType: Map<string, EventContract>;
  /** This group's retry topics among those it subscribes to; set in `start()`. */
  private retryTopics = new Set<string>();
  private consumer?: Consumer;
  private producer?: Producer;
  private markJoined?: () => void;
  /** Resolves when the group has assigned partitions to this member for the first time. */
  readonly joined = new Promise<void>((resolve) => (this.markJoined = resolve));

  constructor(options: InboxServerOptions) {
    super();
    this.settings = { attempts: 3, backoffMs: 100, retryDelaysMs: [1_000, 10_000], partitionsConsumedConcurrently: 3, sessionTimeoutMs: 30_000, chunkSize: 100, ...options };
    this.metrics = MessagingMetrics.for(options.registry ?? new Registry());
    this.contractsByType = new Map(options.contracts.map((contract) => [contract.type, contract]));
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async start(): Promise<void> {
    const { kafka, group } = this.settings;
    const topics = [...new Set([...this.contractsByType.values()].map((contract) => contract.topic))];
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    const { sessionTimeoutMs } = this.settings;
    this.consumer = kafka.consumer({ groupId: group, sessionTimeout: sessionTimeoutMs, heartbeatInterval: Math.floor(sessionTimeoutMs / 10) });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.logger.log?.({ group, memberAssignment: payload.memberAssignment }, 'joined consumer group');
      this.markJoined?.();
    });
    await this.consumer.connect();
    this.retryTopics = new Set(topics.map((topic) => retryTopic(topic, group)));
    await this.consumer.subscribe({ topics: [...topics, ...this.retryTopics], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { chunkSize } = this.settings;
    const isRetryTopic = this.retryTopics.has(batch.topic);
    let processed: string | undefined;
    const done = (message: KafkaMessage) => {
      resolveOffset(message.offset);
      processed = message.offset;
    };

    let index = 0;
    while (index < batch.messages.length && isRunning() && !isStale()) {
      const first = batch.messages[index] as KafkaMessage;
      if (isRetryTopic) {
        // Retried events wait out their delay and are handled one at a time.
        await this.waitUntilDue(first, heartbeat, isRunning);
        if (!isRunning()) break;
        await this.processAlone(batch.topic, batch.partition, first, heartbeat);
        done(first);
        index += 1;
      } else {
        const chunk = batch.messages.slice(index, index + chunkSize);
        const applied = await this.processChunk(batch.topic, batch.partition, chunk);
        chunk.slice(0, applied).forEach(done);
        index += applied;
        if (applied < chunk.length) {
          // The message that failed inside the chunk takes the slow path before anything after it.
          const failed = chunk[applied] as KafkaMessage;
          await this.processAlone(batch.topic, batch.partition, failed, heartbeat);
          done(failed);
          index += 1;
        }
      }
      await heartbeat();
    }
    if (processed !== undefined) {
      // Offset + 1 is committed only after the messages' transactions committed (or they were moved on).
      await this.consumer?.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(processed) + 1n).toString() }]);
    }
  }

  /** A message on a retry topic waits until its not-before time (heartbeating, so the group stays stable). */
  private async waitUntilDue(message: KafkaMessage, heartbeat: () => Promise<void>, isRunning: () => boolean): Promise<void> {
    const notBefore = Number(header(message.headers, FAILURE_HEADERS.notBefore) ?? 0);
    while (isRunning() && Date.now() < notBefore) {
      await sleep(Math.min(notBefore - Date.now(), 1_000));
      await heartbeat();
    }
  }

  /** Parses and validates a record; anything malformed will never succeed and is marked for the DLQ. */
  private decode(topic: string, message: KafkaMessage): Decoded {
    const originalTopic = header(message.headers, FAILURE_HEADERS.originalTopic) ?? topic;
    try {
      const envelope = fromKafkaRecord(message);
      const contract = this.contractsByType.get(envelope.type);
      const handler = contract && this.getHandlerByPattern(envelope.type);
      // Topics carry several event types; a group applies only those it has handlers for.
      if (!contract || !handler) return { kind: 'ignored' };
      return { kind: 'event', topic: originalTopic, envelope, data: validateData(contract, envelope.data), handler };
    } catch (error) {
      if (error instanceof InvalidEventError) return { kind: 'invalid', topic: originalTopic, error };
      throw error;
    }
  }

  /**
   * Applies a run of messages in ONE database transaction, each inside its own savepoint, so a
   * batch costs one commit instead of one per event. Stops at the first handler failure: the
   * messages before it commit, and the caller retries the failed one alone before going on, so
   * per-key order is kept. Returns how many messages were handled.
   */
  private async processChunk(topic: string, partition: number, chunk: KafkaMessage[]): Promise<number> {
    const { group } = this.settings;
    const outcomes: InboxOutcome[] = [];
    const invalid: { message: KafkaMessage; topic: string; error: InvalidEventError }[] = [];
    let ignored = 0;
    let handled = 0;
    await this.settings.dataSource.transaction(async (manager) => {
      for (const message of chunk) {
        const decoded = this.decode(topic, message);
        if (decoded.kind === 'ignored') ignored += 1;
        if (decoded.kind === 'invalid') invalid.push({ message, topic: decoded.topic, error: decoded.error });
        if (decoded.kind === 'event') {
          await manager.query('SAVEPOINT inbox_event');
          try {
            outcomes.push(await this.inbox.runOnce(manager, group, decoded.topic, decoded.envelope, (tx) => this.invoke(decoded, tx)));
            await manager.query('RELEASE SAVEPOINT inbox_event');
          } catch (error) {
            await manager.query('ROLLBACK TO SAVEPOINT inbox_event');
            this.recordHandlerFailure(decoded, error, 1);
            return;
          }
        }
        handled += 1;
      }
    });
    for (const outcome of outcomes) this.metrics.consumed.inc({ group, outcome });
    if (ignored > 0) this.metrics.consumed.inc({ group, outcome: 'ignored' }, ignored);
    for (const letter of invalid) await this.deadLetter(letter.topic, partition, letter.message, letter.error, 'invalid');
    return handled;
  }

  /** One message on its own: bounded attempts with backoff, then the retry topic or the DLQ. */
  private async processAlone(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const { group } = this.settings;
    const decoded = this.decode(topic, message);
    if (decoded.kind === 'ignored') return;
    if (decoded.kind === 'invalid') return this.deadLetter(decoded.topic, partition, message, decoded.error, 'invalid');

    let lastError: unknown;
    for (let attempt = 1; attempt <= this.settings.attempts; attempt += 1) {
      try {
        const outcome = await this.settings.dataSource.transaction((manager) =>
          this.inbox.runOnce(manager, group, decoded.topic, decoded.envelope, (tx) => this.invoke(decoded, tx)),
        );
        this.metrics.consumed.inc({ group, outcome });
        return;
      } catch (error) {
        lastError = error;
        this.recordHandlerFailure(decoded, error, attempt);
        if (attempt < this.settings.attempts) {
          await sleep(this.settings.backoffMs * 2 ** (attempt - 1));
          await heartbeat();
        }
      }
    }
    await this.moveOn(decoded.topic, partition, message, lastError);
  }

  private recordHandlerFailure(decoded: DecodedEvent, error: unknown, attempt: number): void {
    const { group } = this.settings;
    this.metrics.handlerFailures.inc({ group });
    this.logger.warn?.({ err: error, eventId: decoded.envelope.id, type: decoded.envelope.type, attempt, group }, 'event handler failed');
  }

  private async invoke(decoded: DecodedEvent, manager: EntityManager): Promise<void> {
    const result = await decoded.handler(decoded.data, new InboxContext([decoded.envelope, manager, decoded.topic]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  /** After in-process attempts: the next retry round, or the dead-letter topic after the last one. */
  private async moveOn(topic: string, partition: number, message: KafkaMessage, error: unknown): Promise<void> {
    const round = Number(header(message.headers, FAILURE_HEADERS.retryRound) ?? 0);
    const delay = this.settings.retryDelaysMs[round];
    if (delay === undefined) {
      await this.deadLetter(topic, partition, message, error, 'handler-failed');
      return;
    }
    await this.forward(retryTopic(topic, this.settings.group), topic, partition, message, error, {
      [FAILURE_HEADERS.retryRound]: String(round + 1),
      [FAILURE_HEADERS.notBefore]: String(Date.now() + delay),
    });
    this.metrics.retried.inc({ group: this.settings.group });
  }

  private async deadLetter(topic: string, partition: number, message: KafkaMessage, error: unknown, reason: string): Promise<void> {
    await this.forward(deadLetterTopic(topic, this.settings.group), topic, partition, message, error, {});
    this.metrics.deadLettered.inc({ group: this.settings.group, reason });
    this.logger.error?.({ err: error, topic, offset: message.offset, group: this.settings.group, reason }, 'event moved to the dead-letter topic');
  }

  /** Re-publishes the message unchanged (key, value, original headers) plus failure metadata. */
  private async forward(target: string, topic: string, partition: number, message: KafkaMessage, error: unknown, extra: Record<string, string>): Promise<void> {
    const headers: IHeaders = { ...message.headers };
    // The first hop records where the event came from; later hops keep it.
    headers[FAILURE_HEADERS.originalTopic] ??= topic;
    headers[FAILURE_HEADERS.originalPartition] ??= String(partition);
    headers[FAILURE_HEADERS.originalOffset] ??= message.offset;
    Object.assign(headers, extra, {
      [FAILURE_HEADERS.error]: String(error instanceof Error ? `${error.name}: ${error.message}` : error).slice(0, 4_000),
      [FAILURE_HEADERS.failedAt]: new Date().toISOString(),
      [FAILURE_HEADERS.group]: this.settings.group,
    });
    await this.producer?.send({ topic: target, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }

  on(): never {
    throw new Error('KafkaInboxServer does not emit events; use metrics and logs');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}
