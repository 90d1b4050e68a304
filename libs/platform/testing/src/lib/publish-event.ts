import { type EventContract, type EventData, toKafkaRecord, validateData } from '@pathwise/contracts';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/**
 * Publishes one event the way its producer's outbox relay would (a validated CloudEvents
 * envelope, keyed by `subject`, acks=all), so a consumer's test needs no producing service.
 */
export async function publishEvent<C extends EventContract>(contract: C, data: EventData<C>, envelope: { subject: string; aggregateVersion: number }): Promise<void> {
  const kafka = new Kafka({ clientId: `test-publisher-${randomUUID()}`, brokers: (process.env['KAFKA_BROKERS'] as string).split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer();
  await producer.connect();
  try {
    const record = toKafkaRecord({
      id: randomUUID(),
      type: contract.type,
      source: contract.source,
      subject: envelope.subject,
      time: new Date().toISOString(),
      data: validateData(contract, data),
      aggregateVersion: envelope.aggregateVersion,
      correlationId: randomUUID(),
    });
    await producer.send({ topic: contract.topic, acks: -1, messages: [record] });
  } finally {
    await producer.disconnect();
  }
}
