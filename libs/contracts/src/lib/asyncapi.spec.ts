import { readFileSync } from 'node:fs';
import path from 'node:path';
import { asyncApiYaml, renderAsyncApi } from './asyncapi';
import { EVENT_CATALOG } from './event-catalog';
import { deadLetterTopic, retryTopic } from './event-contract';

const repoRoot = path.resolve(__dirname, '../../../..');

describe('AsyncAPI document', () => {
  it('when generated from the contracts, then it equals the committed docs/asyncapi.yaml (run npm run contracts:generate)', () => {
    expect(readFileSync(path.join(repoRoot, 'docs/asyncapi.yaml'), 'utf8')).toBe(asyncApiYaml(EVENT_CATALOG));
  });

  it('when rendered, then each event has one send operation by its producer and one receive per consumer group', () => {
    const operations = renderAsyncApi(EVENT_CATALOG)['operations'] as Record<string, { action: string }>;
    for (const contract of EVENT_CATALOG) {
      expect(operations[`${contract.producer}.publish.${contract.name}`]?.action).toBe('send');
      for (const consumer of contract.consumers) expect(operations[`${consumer.group}.consume.${contract.name}`]?.action).toBe('receive');
    }
  });
});

describe('declared Kafka topics (infra/kafka/topics.json)', () => {
  const declared = new Set(
    (JSON.parse(readFileSync(path.join(repoRoot, 'infra/kafka/topics.json'), 'utf8')) as { topics: { name: string }[] }).topics.map((t) => t.name),
  );

  it('when compared with the contracts, then every event topic and each consumer group’s retry and dead-letter topics are declared', () => {
    const expected = EVENT_CATALOG.flatMap((contract) => [
      contract.topic,
      ...contract.consumers.flatMap((consumer) => [retryTopic(contract.topic, consumer.group), deadLetterTopic(contract.topic, consumer.group)]),
    ]);
    expect([...new Set(expected)].filter((topic) => !declared.has(topic))).toEqual([]);
  });
});
