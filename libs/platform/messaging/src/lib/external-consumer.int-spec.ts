import { RoadmapRetired } from '@pathwise/contracts';
import { repoRoot } from '@pathwise/platform/testing';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createKafka, Outbox, OutboxRelay } from '../index';
import { createMessagingTestBed, type MessagingTestBed } from '../testing';

interface AsyncApiMessage {
  headers: object;
  payload: object;
}

describe('a consumer written by someone else', () => {
  let bed: MessagingTestBed;

  beforeAll(async () => {
    bed = await createMessagingTestBed('external');
  });

  afterAll(() => bed.dispose());

  it('when it reads an event with plain kafkajs, then it finds the CloudEvents headers and a payload valid against docs/asyncapi.yaml', async () => {
    const contract = { ...RoadmapRetired, topic: bed.topic };
    const data = { roadmapId: 'roadmap:backend', slug: 'backend', version: 3, retiredAt: '2026-11-21T10:00:00.000Z' };
    await bed.dataSource.transaction((manager) => new Outbox().append(manager, contract, { subject: 'roadmap:backend', aggregateVersion: 4, data }));
    const relay = new OutboxRelay({ service: `test-${bed.schema}`, connection: bed.connection, kafka: createKafka({ clientId: 'external-relay', brokers: bed.brokers }) });
    relay.start();

    // Nothing from the project below: kafkajs, the YAML document and a JSON Schema validator.
    const consumer = new Kafka({ clientId: 'someone-else', brokers: bed.brokers }).consumer({ groupId: `someone-else-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic: bed.topic, fromBeginning: true });
    const received = await new Promise<{ key: string; headers: Record<string, string>; value: string }>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
          resolve({ key: String(message.key), headers, value: String(message.value) });
        },
      });
    });
    await consumer.disconnect();
    await relay.stop();

    const document = parse(readFileSync(path.join(repoRoot, 'docs/asyncapi.yaml'), 'utf8'));
    const message = document.components.messages.RoadmapRetired as AsyncApiMessage;
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validHeaders = ajv.validate(message.headers, received.headers);
    expect(ajv.errors ?? []).toEqual([]);
    expect(validHeaders).toBe(true);
    expect(ajv.validate(message.payload, JSON.parse(received.value))).toBe(true);
    expect(received.key).toBe('roadmap:backend');
    expect(received.headers).toMatchObject({ ce_type: 'pathwise.catalog.roadmap-retired.v1', ce_subject: 'roadmap:backend', ce_aggregateversion: '4' });

    // And the validator is not vacuous: a payload missing a required field fails.
    expect(ajv.validate(message.payload, { ...data, slug: undefined })).toBe(false);
  });
});
