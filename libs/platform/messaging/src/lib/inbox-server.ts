import { SpanKind } from '@opentelemetry/api';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import { deadLetterTopic, type EventContract, type EventEnvelope, fromKafkaRecord, InvalidEventError, retryTopic, validateData } from '@pathwise/contracts';
import { contextFromTraceparent, inSpan, tracingEnabled } from '@pathwise/platform/observability';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { lastValueFrom } from 'rxjs';
import { Registry } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { FAILURE_HEADERS, failureHeaders, fromHeldEvent, header, type HeldEvent, nextHop, type RawMessage, toHeldEvent } from './failure-route';
import { HeldKeys } from './held-keys';
import { Inbox, type InboxOutcome } from './inbox';
import { InboxContext } from './inbox-context';
import { MessagingMetrics } from './messaging-metrics';

export { FAILURE_HEADERS } from './failure-route';

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

interface DecodedEvent {
  kind: 'event';
  /** The topic the event was published on (for a retried event, the original topic). */
  topic: string;
  /** The Kafka key: the unit of order, and of holding. */
  key: string;
  envelope: EventEnvelope;
  data: unknown;
  handler: MessageHandler;
}

type Decoded = DecodedEvent | { kind: 'ignored' } | { kind: 'invalid'; topic: string; error: InvalidEventError };

/** What happened to one message: an inbox outcome, `held` (parked behind its key's head), or not for this group. */
type Outcome = InboxOutcome | 'held' | 'ignored' | 'invalid';

interface ChunkResult {
  /** The leading messages whose transaction committed (invalid ones are already in the DLQ). */
  consumed: KafkaMessage[];
  /** The message whose handler threw; it takes the slow path before anything after it. */
  failed?: KafkaMessage;
}

/**
 * A @nestjs/microservices transport that feeds `@EventPattern(<ce type>)` handlers through the
 * inbox, commits offsets only after the transaction, and keeps per-key order through retries:
 * docs/patterns/outbox-inbox.md, ADR 0003 and ADR 0013.
 */
export class KafkaInboxServer extends Server implements CustomTransportStrategy {
  private readonly inbox = new Inbox();
  private readonly heldKeys: HeldKeys;
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
    this.heldKeys = new HeldKeys(options.group);
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

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const last = this.retryTopics.has(batch.topic) ? await this.drainRetryTopic(payload) : await this.drainMainTopic(payload);
    if (last !== undefined) {
      // Offset + 1 is committed only after the messages' transactions committed (or they were moved on).
      await this.consumer?.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
    }
  }

  /** Chunks of messages share a transaction; a failed message is retried alone before anything after it. Returns the last offset handled. */
  private async drainMainTopic({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<string | undefined> {
    let last: string | undefined;
    let rest = batch.messages;
    while (rest.length > 0 && isRunning() && !isStale()) {
      const { consumed, failed } = await this.processChunk(batch.topic, batch.partition, rest.slice(0, this.settings.chunkSize));
      const handled = failed ? [...consumed, failed] : consumed;
      if (failed) await this.processAlone(batch.topic, batch.partition, failed, heartbeat);
      for (const message of handled) resolveOffset(message.offset);
      last = handled.at(-1)?.offset ?? last;
      rest = rest.slice(handled.length);
      await heartbeat();
    }
    return last;
  }

  /** Retried events wait out their delay and are handled one at a time. Returns the last offset handled. */
  private async drainRetryTopic({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<string | undefined> {
    let last: string | undefined;
    for (const message of batch.messages) {
      await this.waitUntilDue(message, heartbeat, isRunning);
      if (!isRunning() || isStale()) break;
      await this.processAlone(batch.topic, batch.partition, message, heartbeat);
      resolveOffset(message.offset);
      last = message.offset;
      await heartbeat();
    }
    return last;
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
  private decode(topic: string, message: RawMessage): Decoded {
    const originalTopic = header(message.headers, FAILURE_HEADERS.originalTopic) ?? topic;
    try {
      const envelope = fromKafkaRecord(message);
      const contract = this.contractsByType.get(envelope.type);
      const handler = contract && this.getHandlerByPattern(envelope.type);
      // Topics carry several event types; a group applies only those it has handlers for.
      if (!contract || !handler) return { kind: 'ignored' };
      const key = message.key?.toString() ?? envelope.subject;
      return { kind: 'event', topic: originalTopic, key, envelope, data: validateData(contract, envelope.data), handler };
    } catch (error) {
      if (error instanceof InvalidEventError) return { kind: 'invalid', topic: originalTopic, error };
      throw error;
    }
  }

  /**
   * Applies a run of main-topic messages in ONE transaction, each in its own savepoint, so a batch
   * costs one commit instead of one per event. Messages of a held key are parked behind its head.
   * Stops at the first handler failure; the messages before it commit.
   */
  private async processChunk(topic: string, partition: number, chunk: KafkaMessage[]): Promise<ChunkResult> {
    const items = chunk.map((message) => ({ message, decoded: this.decode(topic, message) }));
    const keys = [...new Set(items.flatMap(({ decoded }) => (decoded.kind === 'event' ? [decoded.key] : [])))];
    const outcomes = await this.settings.dataSource.transaction(async (manager) => {
      const held = await this.heldKeys.lockHeld(manager, topic, keys);
      const done: Outcome[] = [];
      let failed = false;
      for (let index = 0; index < items.length && !failed; index += 1) {
        const { message, decoded } = items[index] as (typeof items)[number];
        const outcome = await this.consumeInChunk(manager, { topic, partition }, message, decoded, held);
        if (outcome instanceof Error) failed = true;
        else done.push(outcome);
      }
      return done;
    });
    this.count(outcomes);
    for (const { message, decoded } of items.slice(0, outcomes.length)) {
      if (decoded.kind === 'invalid') await this.deadLetter(decoded.topic, partition, message, decoded.error, 'invalid');
    }
    return { consumed: chunk.slice(0, outcomes.length), failed: chunk[outcomes.length] };
  }

  private async consumeInChunk(manager: EntityManager, origin: { topic: string; partition: number }, message: KafkaMessage, decoded: Decoded, held: Set<string>): Promise<Outcome | Error> {
    if (decoded.kind !== 'event') return decoded.kind;
    if (!held.has(decoded.key)) return this.applyInSavepoint(manager, decoded);
    await this.heldKeys.park(manager, decoded.topic, decoded.key, toHeldEvent(message, origin, decoded.envelope.id));
    return 'held';
  }

  /** Runs the handler through the inbox inside a savepoint; a failure rolls back to it and is returned, not thrown. */
  private async applyInSavepoint(manager: EntityManager, decoded: DecodedEvent): Promise<InboxOutcome | Error> {
    await manager.query('SAVEPOINT inbox_event');
    try {
      const outcome = await this.inbox.runOnce(manager, this.settings.group, decoded.topic, decoded.envelope, (tx) => this.invoke(decoded, tx));
      await manager.query('RELEASE SAVEPOINT inbox_event');
      return outcome;
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT inbox_event');
      this.recordHandlerFailure(decoded, error, 1);
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /** One message on its own: bounded attempts with backoff, then the retry topic or the DLQ. */
  private async processAlone(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<void> {
    const decoded = this.decode(topic, message);
    if (decoded.kind === 'ignored') return this.count(['ignored']);
    if (decoded.kind === 'invalid') return this.deadLetter(decoded.topic, partition, message, decoded.error, 'invalid');

    let lastError: unknown;
    for (let attempt = 1; attempt <= this.settings.attempts; attempt += 1) {
      try {
        const outcomes = await this.settings.dataSource.transaction((manager) => this.applyAlone(manager, partition, message, decoded));
        return this.count(outcomes);
      } catch (error) {
        lastError = error;
        this.recordHandlerFailure(decoded, error, attempt);
        if (attempt < this.settings.attempts) {
          await sleep(this.settings.backoffMs * 2 ** (attempt - 1));
          await heartbeat();
        }
      }
    }
    await this.settings.dataSource.transaction((manager) => this.moveOn(manager, partition, message, decoded, lastError));
  }

  /**
   * A message of a key held behind another event is parked. Otherwise it is applied, and if it was
   * its key's head, the parked followers are applied after it in their original order.
   */
  private async applyAlone(manager: EntityManager, partition: number, message: KafkaMessage, decoded: DecodedEvent): Promise<Outcome[]> {
    const head = await this.heldKeys.lockHead(manager, decoded.topic, decoded.key);
    if (head !== undefined && head !== decoded.envelope.id) {
      await this.heldKeys.park(manager, decoded.topic, decoded.key, toHeldEvent(message, { topic: decoded.topic, partition }, decoded.envelope.id));
      return ['held'];
    }
    const outcome = await this.inbox.runOnce(manager, this.settings.group, decoded.topic, decoded.envelope, (tx) => this.invoke(decoded, tx));
    return head === undefined ? [outcome] : [outcome, ...(await this.applyFollowers(manager, partition, decoded))];
  }

  /**
   * Applies a released key's parked events in order. The first one that fails becomes the key's new
   * head and goes to the retry topic before this transaction commits (a crash re-runs the whole
   * step, and a second copy is a duplicate); when none is left, the hold is released.
   */
  private async applyFollowers(manager: EntityManager, partition: number, head: DecodedEvent): Promise<Outcome[]> {
    const { topic, key } = head;
    const outcomes: Outcome[] = [];
    let stuck: { follower: HeldEvent; decoded: DecodedEvent; error: Error } | undefined;
    const followers = await this.heldKeys.followers(manager, topic, key);
    for (let index = 0; index < followers.length && !stuck; index += 1) {
      const follower = followers[index] as HeldEvent;
      const message = fromHeldEvent(key, follower);
      const decoded = this.decode(topic, message);
      const outcome = decoded.kind === 'event' ? await this.applyInSavepoint(manager, decoded) : decoded.kind;
      if (outcome instanceof Error) stuck = { follower, decoded: decoded as DecodedEvent, error: outcome };
      else outcomes.push(outcome);
      if (decoded.kind === 'invalid') await this.deadLetter(decoded.topic, partition, message, decoded.error, 'invalid');
      await this.heldKeys.unpark(manager, topic, key, follower);
    }
    if (stuck) {
      await this.moveOn(manager, partition, fromHeldEvent(key, stuck.follower), stuck.decoded, stuck.error);
    } else {
      await this.heldKeys.release(manager, topic, key);
    }
    return outcomes;
  }

  private recordHandlerFailure(decoded: DecodedEvent, error: unknown, attempt: number): void {
    const { group } = this.settings;
    this.metrics.handlerFailures.inc({ group });
    this.logger.warn?.({ err: error, eventId: decoded.envelope.id, type: decoded.envelope.type, attempt, group }, 'event handler failed');
  }

  private count(outcomes: Outcome[]): void {
    const { group } = this.settings;
    for (const outcome of outcomes) if (outcome !== 'invalid') this.metrics.consumed.inc({ group, outcome });
  }

  private async invoke(decoded: DecodedEvent, manager: EntityManager): Promise<void> {
    if (!tracingEnabled()) return this.callHandler(decoded, manager);
    // A CONSUMER span, child of the producer's: events the handler appends continue the same trace.
    const { envelope, topic } = decoded;
    const attributes = { 'messaging.system': 'kafka', 'messaging.operation.type': 'process', 'messaging.destination.name': topic, 'messaging.consumer.group.name': this.settings.group, 'messaging.message.id': envelope.id, 'cloudevents.event_type': envelope.type };
    return inSpan(`process ${envelope.type}`, { kind: SpanKind.CONSUMER, attributes }, contextFromTraceparent(envelope.traceparent), () => this.callHandler(decoded, manager));
  }

  private async callHandler(decoded: DecodedEvent, manager: EntityManager): Promise<void> {
    const result = await decoded.handler(decoded.data, new InboxContext([decoded.envelope, manager, decoded.topic]));
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  /**
   * After in-process attempts: holds the key behind this event and sends it to the next retry round
   * (or the DLQ after the last). Runs in a transaction that commits after the broker acked, so a
   * committed hold always has its head in Kafka.
   */
  private async moveOn(manager: EntityManager, partition: number, message: RawMessage, decoded: DecodedEvent, error: unknown): Promise<void> {
    const { group } = this.settings;
    await this.heldKeys.hold(manager, decoded.topic, decoded.key, decoded.envelope.id);
    const hop = nextHop(message.headers, this.settings.retryDelaysMs, Date.now());
    if (hop.kind === 'dead-letter') return this.deadLetter(decoded.topic, partition, message, error, 'handler-failed');
    await this.publish(retryTopic(decoded.topic, group), message, failureHeaders(message, { topic: decoded.topic, partition }, group, error, new Date(), {
      [FAILURE_HEADERS.retryRound]: String(hop.round),
      [FAILURE_HEADERS.notBefore]: String(hop.notBefore),
    }));
    this.metrics.retried.inc({ group });
  }

  private async deadLetter(topic: string, partition: number, message: RawMessage, error: unknown, reason: string): Promise<void> {
    const { group } = this.settings;
    await this.publish(deadLetterTopic(topic, group), message, failureHeaders(message, { topic, partition }, group, error, new Date()));
    this.metrics.deadLettered.inc({ group, reason });
    this.logger.error?.({ err: error, topic, offset: message.offset, group, reason }, 'event moved to the dead-letter topic');
  }

  /** Re-publishes the message unchanged (key, value, original headers) plus failure metadata. */
  private async publish(target: string, message: RawMessage, headers: ReturnType<typeof failureHeaders>): Promise<void> {
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
