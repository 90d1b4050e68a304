import { headerText } from '@pathwise/contracts';
import type { IHeaders, KafkaMessage } from 'kafkajs';

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

/** What the inbox server reads of a Kafka record; a parked event is rebuilt into this shape. */
export type RawMessage = Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>;

export type Hop = { kind: 'retry'; round: number; notBefore: number } | { kind: 'dead-letter' };

export function header(headers: IHeaders | undefined, name: string): string | undefined {
  return headerText(headers?.[name]);
}

/** Where an event goes after its in-process attempts: the next retry round, or the DLQ after the last. */
export function nextHop(headers: IHeaders | undefined, retryDelaysMs: readonly number[], now: number): Hop {
  const round = Number(header(headers, FAILURE_HEADERS.retryRound) ?? 0);
  const delay = retryDelaysMs[round];
  return delay === undefined ? { kind: 'dead-letter' } : { kind: 'retry', round: round + 1, notBefore: now + delay };
}

export interface Origin {
  topic: string;
  partition: number;
}

/** The message's own headers plus failure metadata; the first hop records where it came from, later hops keep it. */
export function failureHeaders(message: RawMessage, origin: Origin, group: string, error: unknown, now: Date, extra: Record<string, string> = {}): IHeaders {
  const headers: IHeaders = { ...message.headers };
  headers[FAILURE_HEADERS.originalTopic] ??= origin.topic;
  headers[FAILURE_HEADERS.originalPartition] ??= String(origin.partition);
  headers[FAILURE_HEADERS.originalOffset] ??= message.offset;
  return Object.assign(headers, extra, {
    [FAILURE_HEADERS.error]: String(error instanceof Error ? `${error.name}: ${error.message}` : error).slice(0, 4_000),
    [FAILURE_HEADERS.failedAt]: now.toISOString(),
    [FAILURE_HEADERS.group]: group,
  });
}

/** An event parked behind its key's head, as stored in `inbox_held_events`. */
export interface HeldEvent {
  originalOffset: string;
  eventId: string;
  value: Buffer | null;
  headers: Record<string, string>;
}

const RETRY_STATE = new Set<string>([FAILURE_HEADERS.retryRound, FAILURE_HEADERS.notBefore, FAILURE_HEADERS.error, FAILURE_HEADERS.failedAt, FAILURE_HEADERS.group]);

/**
 * A message to park. Its order is its offset on the original topic (a copy that came through the
 * retry topic carries it in a header); its retry state is dropped, so if it fails later it starts
 * at round one like any new head.
 */
export function toHeldEvent(message: RawMessage, origin: Origin, eventId: string): HeldEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined && !RETRY_STATE.has(name)) headers[name] = text;
  }
  headers[FAILURE_HEADERS.originalTopic] ??= origin.topic;
  headers[FAILURE_HEADERS.originalPartition] ??= String(origin.partition);
  headers[FAILURE_HEADERS.originalOffset] ??= message.offset;
  const value = message.value === null ? null : Buffer.from(message.value);
  return { originalOffset: headers[FAILURE_HEADERS.originalOffset], eventId, value, headers };
}

export function fromHeldEvent(key: string, held: HeldEvent): RawMessage {
  return { key: Buffer.from(key), value: held.value, headers: held.headers, offset: held.originalOffset };
}
