import { CloudEvent, Kafka, type KafkaMessage } from 'cloudevents';
import type { EventContract, EventData } from './event-contract';

/**
 * One event as it travels: the CloudEvents 1.0 attributes plus the extensions Pathwise relies on.
 * Extension names follow the CloudEvents naming rule (lowercase letters and digits only).
 */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  source: string;
  /** The aggregate id; also the Kafka key, so one aggregate's events keep their order. */
  subject: string;
  time: string;
  data: T;
  /** Position of this event in its aggregate's history; consumers ignore versions they have passed. */
  aggregateVersion: number;
  correlationId: string;
  causationId?: string;
  /** W3C trace context of the producing operation. */
  traceparent?: string;
}

export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export class InvalidEventError extends Error {
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/** Validates `data` against the contract's schema; producers call it before writing the outbox. */
export function validateData<C extends EventContract>(contract: C, data: unknown): EventData<C> {
  const result = contract.schema.safeParse(data);
  if (!result.success) {
    throw new InvalidEventError(
      `${contract.type} payload does not match its schema`,
      result.error.issues.map((issue) => `/${issue.path.join('/')}: ${issue.message}`),
    );
  }
  return result.data as EventData<C>;
}

/** Kafka binary content mode (CloudEvents Kafka binding §3.2): attributes as `ce_*` headers, data as the value. */
export function toKafkaRecord(envelope: EventEnvelope): KafkaRecord {
  const event = new CloudEvent<unknown>({
    specversion: '1.0',
    id: envelope.id,
    type: envelope.type,
    source: envelope.source,
    subject: envelope.subject,
    time: envelope.time,
    datacontenttype: 'application/json',
    data: envelope.data,
    partitionkey: envelope.subject,
    aggregateversion: String(envelope.aggregateVersion),
    correlationid: envelope.correlationId,
    ...(envelope.causationId ? { causationid: envelope.causationId } : {}),
  });
  const message = Kafka.binary(event);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) if (typeof value === 'string') headers[name] = value;
  if (envelope.traceparent) headers['traceparent'] = envelope.traceparent;
  return { key: envelope.subject, value: JSON.stringify(envelope.data), headers };
}

/** A Kafka header value as text (kafkajs hands out Buffers, and arrays for repeated headers: the last wins). */
export function headerText(value: Buffer | string | (Buffer | string)[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const single = Array.isArray(value) ? value[value.length - 1] : value;
  return single === undefined ? undefined : single.toString();
}

/**
 * Reads a Kafka record back into an envelope, checking the CloudEvents attributes; throws
 * InvalidEventError for anything that is not a well-formed Pathwise event.
 */
export function fromKafkaRecord(record: {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}): EventEnvelope {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) headers[name] = text;
  }
  let event: CloudEvent<unknown>;
  try {
    const value = record.value?.toString() ?? '';
    const message: KafkaMessage<string> = { headers, key: record.key?.toString() ?? '', value, body: value };
    event = Kafka.toEvent(message) as CloudEvent<unknown>;
    event.validate();
  } catch (error) {
    throw new InvalidEventError(`not a CloudEvents 1.0 record: ${(error as Error).message}`);
  }
  if (event.specversion !== '1.0') throw new InvalidEventError(`unsupported CloudEvents specversion ${event.specversion}`);
  const aggregateVersion = Number(event['aggregateversion']);
  const correlationId = event['correlationid'];
  if (!event.subject || !Number.isSafeInteger(aggregateVersion) || aggregateVersion < 1 || typeof correlationId !== 'string' || !event.time) {
    throw new InvalidEventError('missing subject, time, correlationid or a positive aggregateversion');
  }
  const causationId = event['causationid'];
  return {
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: event.time,
    data: event.data,
    aggregateVersion,
    correlationId,
    ...(typeof causationId === 'string' ? { causationId } : {}),
    ...(headers['traceparent'] ? { traceparent: headers['traceparent'] } : {}),
  };
}
