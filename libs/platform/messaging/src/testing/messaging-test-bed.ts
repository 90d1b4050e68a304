import { defineEvent, deadLetterTopic, type EventContract, retryTopic } from '@pathwise/contracts';
import { randomUUID } from 'node:crypto';
import type { ClientConfig } from 'pg';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { createKafka } from '../lib/kafka';
import { HELD_KEYS_SQL, MESSAGING_TABLES_SQL } from '../lib/messaging-tables';
import { Outbox } from '../lib/outbox';

export const counterSchema = z.object({
  counterId: z.string().min(1),
  n: z.number().int(),
  /** Makes the handler throw until `CounterEffects.poisonFixed` is set (a bug, then its fix). */
  poison: z.boolean().optional(),
  /** Makes the handler wait on advisory lock 4242, so a test can freeze it mid-transaction. */
  block: z.boolean().optional(),
  padding: z.string().optional(),
});

/** An event owned by the tests, on a topic of the test's own. */
export function counterContract(topic: string) {
  return defineEvent({ name: 'CounterIncremented', major: 1, producer: 'catalog', aggregate: 'counter', topic, schema: counterSchema, summary: 'test event' });
}

export const COUNTER_TYPE = counterContract('unused').type;
export const BLOCK_LOCK_ID = 4242;

export interface MessagingTestBed {
  schema: string;
  topic: string;
  group: string;
  contract: EventContract<typeof counterSchema>;
  /** The service database, with this bed's schema first on the search path. */
  databaseUrl: string;
  connection: ClientConfig;
  dataSource: DataSource;
  brokers: string[];
  /** Environment for a child process (relay or consumer) working on this bed. */
  childEnv: Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * An isolated corner of real infrastructure: a fresh schema in the catalog database (outbox,
 * inbox and a business table) and fresh topics (event, retry, dead-letter) in Kafka.
 */
export async function createMessagingTestBed(label: string, partitions = 3): Promise<MessagingTestBed> {
  const suffix = randomUUID().slice(0, 8);
  const schema = `msg_${label.replace(/\W/g, '_')}_${suffix}`;
  const topic = `test.${label}.${suffix}.events.v1`;
  const group = `test.${label}-${suffix}`;
  const databaseUrl = process.env['CATALOG_DATABASE_URL'] as string;
  const brokers = (process.env['KAFKA_BROKERS'] as string).split(',');
  const connection: ClientConfig = { connectionString: databaseUrl, options: `-c search_path=${schema}` };

  const setup = new DataSource({ type: 'postgres', url: databaseUrl });
  await setup.initialize();
  await setup.query(`CREATE SCHEMA ${schema}`);
  await setup.destroy();

  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, extra: { options: connection.options, max: 20 } });
  await dataSource.initialize();
  await dataSource.query(MESSAGING_TABLES_SQL);
  await dataSource.query(HELD_KEYS_SQL);
  await dataSource.query(`
    CREATE TABLE counters (id text PRIMARY KEY, version integer NOT NULL);
    CREATE TABLE effects (id bigserial PRIMARY KEY, subject text NOT NULL, version integer NOT NULL, event_id text NOT NULL, n integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`);

  const kafka = createKafka({ clientId: `test-bed-${suffix}`, brokers });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic, numPartitions: partitions },
      { topic: retryTopic(topic, group), numPartitions: 1 },
      { topic: deadLetterTopic(topic, group), numPartitions: 1 },
    ],
  });
  await admin.disconnect();

  return {
    schema,
    topic,
    group,
    contract: counterContract(topic),
    databaseUrl,
    connection,
    dataSource,
    brokers,
    childEnv: { TEST_DATABASE_URL: databaseUrl, TEST_SCHEMA: schema, TEST_TOPIC: topic, TEST_GROUP: group, KAFKA_BROKERS: brokers.join(',') },
    async dispose() {
      await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
      await dataSource.destroy();
      const cleanup = kafka.admin();
      await cleanup.connect();
      await cleanup.deleteTopics({ topics: [topic, retryTopic(topic, group), deadLetterTopic(topic, group)] });
      await cleanup.disconnect();
    },
  };
}

export interface CounterCommand {
  counterId: string;
  n?: number;
  poison?: boolean;
  block?: boolean;
  padding?: string;
}

/**
 * The business command of the tests: bumps a counter's version and appends the matching event
 * in the same transaction, as a real service does.
 */
export async function incrementCounter(bed: MessagingTestBed, command: CounterCommand, outbox = new Outbox()): Promise<number> {
  return bed.dataSource.transaction(async (manager) => {
    const [row] = await manager.query(
      `INSERT INTO counters (id, version) VALUES ($1, 1) ON CONFLICT (id) DO UPDATE SET version = counters.version + 1 RETURNING version`,
      [command.counterId],
    );
    const version = row.version as number;
    const { counterId, poison, block, padding } = command;
    await outbox.append(manager, bed.contract, {
      subject: counterId,
      aggregateVersion: version,
      data: { counterId, n: command.n ?? version, ...(poison ? { poison } : {}), ...(block ? { block } : {}), ...(padding ? { padding } : {}) },
    });
    return version;
  });
}

export interface Effect {
  subject: string;
  version: number;
  event_id: string;
}

/** Handler effects in the order they were applied. */
export async function appliedEffects(bed: MessagingTestBed): Promise<Effect[]> {
  return bed.dataSource.query('SELECT subject, version, event_id FROM effects ORDER BY id');
}

export interface ReadRecord {
  key: string;
  partition: number;
  headers: Record<string, string>;
  value: string;
}

/** Reads a topic from the beginning with a throwaway group until `count` records arrived. */
export async function readTopic(bed: MessagingTestBed, topic: string, count: number, timeoutMs = 30_000): Promise<ReadRecord[]> {
  const kafka = createKafka({ clientId: `reader-${randomUUID()}`, brokers: bed.brokers });
  const consumer = kafka.consumer({ groupId: `reader-${randomUUID()}` });
  const records: ReadRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${records.length}/${count} records from ${topic} within ${timeoutMs} ms`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
          records.push({ key: String(message.key), partition, headers, value: String(message.value) });
          if (records.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return records;
}

export async function outboxStatus(bed: MessagingTestBed): Promise<Record<string, number>> {
  const rows: { status: string; count: string }[] = await bed.dataSource.query('SELECT status, count(*) AS count FROM outbox GROUP BY status');
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
