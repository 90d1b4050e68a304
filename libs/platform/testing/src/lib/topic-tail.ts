import { fromKafkaRecord, type EventEnvelope } from '@pathwise/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface TopicTail {
  /** Every event read so far, in arrival order. */
  readonly events: EventEnvelope[];
  /** Resolves with the first event (already read or still to come) that matches. */
  waitFor(match: (event: EventEnvelope) => boolean, timeoutMs?: number): Promise<EventEnvelope>;
  close(): Promise<void>;
}

/**
 * Follows a topic from its current end, so a test sees only the events its own actions cause,
 * parsed and checked as CloudEvents exactly as a consumer would.
 */
export async function tailTopic(options: { brokers: string[]; topic: string }): Promise<TopicTail> {
  const kafka = new Kafka({ clientId: `tail-${randomUUID()}`, brokers: options.brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(options.topic);
  await admin.disconnect();

  const consumer = kafka.consumer({ groupId: `tail-${randomUUID()}` });
  const events: EventEnvelope[] = [];
  const waiters = new Set<() => void>();
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic });
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.run({
    eachMessage: async ({ message }) => {
      events.push(fromKafkaRecord(message));
      for (const wake of waiters) wake();
    },
  });
  for (const { partition, offset } of ends) consumer.seek({ topic: options.topic, partition, offset });
  await joined;

  return {
    events,
    waitFor(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event on ${options.topic} within ${timeoutMs} ms (${events.length} read)`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => consumer.disconnect(),
  };
}
