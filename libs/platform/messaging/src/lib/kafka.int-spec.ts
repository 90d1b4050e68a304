import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { createKafka } from '../index';

const brokers = () => (process.env['KAFKA_BROKERS'] as string).split(',');

describe('Kafka', () => {
  let kafka: Kafka;

  beforeAll(() => {
    kafka = createKafka({ clientId: 'smoke-test', brokers: brokers() });
  });

  it('when keyed messages are produced with acks=all, then a consumer group receives each key in order on one partition', async () => {
    const topic = `smoke.keyed.${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });

    const keys = ['learner-a', 'learner-b', 'learner-c', 'learner-d'];
    const perKey = 25;
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (let seq = 0; seq < perKey; seq += 1) {
      await producer.send({ topic, acks: -1, messages: keys.map((key) => ({ key, value: JSON.stringify({ key, seq }) })) });
    }

    const received = new Map<string, { seq: number; partition: number }[]>();
    const consumer = kafka.consumer({ groupId: `smoke-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      let total = 0;
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          const { key, seq } = JSON.parse(String(message.value)) as { key: string; seq: number };
          received.set(key, [...(received.get(key) ?? []), { seq, partition }]);
          total += 1;
          if (total === keys.length * perKey) resolve();
        },
      });
    });

    try {
      await done;
      for (const key of keys) {
        const messages = received.get(key) ?? [];
        expect(messages.map((m) => m.seq)).toEqual([...Array(perKey).keys()]);
        expect(new Set(messages.map((m) => m.partition)).size).toBe(1);
      }
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    }
  });

  it('when producing to a topic that is not declared, then the broker refuses to auto-create it', async () => {
    const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 1 } });
    await producer.connect();
    try {
      await expect(
        producer.send({ topic: `smoke.undeclared.${randomUUID()}`, acks: -1, messages: [{ key: 'k', value: 'v' }] }),
      ).rejects.toThrow(/does not host this topic-partition|UNKNOWN_TOPIC_OR_PARTITION|This server does not host/i);
    } finally {
      await producer.disconnect();
    }
  });
});
