import { deadLetterTopic, retryTopic } from '@pathwise/contracts';
import type { Kafka } from 'kafkajs';
import { FAILURE_HEADERS } from './inbox-server';

export interface RedriveResult {
  moved: number;
}

/**
 * Moves the dead letters of one (topic, consumer group) back to that group's retry topic, after a
 * fix has shipped. Only the failing group sees them again (other groups never read its retry
 * topic), the retry round starts over, and the inbox drops any event the group already applied.
 * Progress is kept in the `<group>.redrive` consumer group, so a second run moves only new letters.
 */
export async function redriveDeadLetters(kafka: Kafka, topic: string, group: string): Promise<RedriveResult> {
  const source = deadLetterTopic(topic, group);
  const target = retryTopic(topic, group);
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(source);
  const committed = await admin.fetchOffsets({ groupId: `${group}.redrive`, topics: [source] });
  await admin.disconnect();

  const remaining = new Map<number, bigint>();
  for (const end of ends) {
    const start = BigInt(committed[0]?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1');
    const from = start < 0n ? BigInt(end.low) : start;
    if (BigInt(end.high) > from) remaining.set(end.partition, BigInt(end.high));
  }
  if (remaining.size === 0) return { moved: 0 };

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `${group}.redrive` });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: source, fromBeginning: true });
  let moved = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = remaining.get(partition);
            if (end === undefined || BigInt(message.offset) >= end) return;
            const headers = { ...message.headers, [FAILURE_HEADERS.retryRound]: '0', [FAILURE_HEADERS.notBefore]: '0' };
            await producer.send({ topic: target, acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
            await consumer.commitOffsets([{ topic: source, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
            moved += 1;
            if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
  return { moved };
}
