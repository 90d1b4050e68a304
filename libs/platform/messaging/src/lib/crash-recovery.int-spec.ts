import { METRICS_REGISTRY } from '@pathwise/platform/observability';
import { buildWorkspace, type ChildHandle, startChild, waitFor } from '@pathwise/platform/testing';
import type { Registry } from 'prom-client';
import { Client } from 'pg';
import { appliedEffects, BLOCK_LOCK_ID, createMessagingTestBed, incrementCounter, type MessagingTestBed, outboxStatus, readTopic, startCounterConsumer } from '../testing';

const RELAY = 'libs/platform/messaging/src/testing/relay.process.js';
const CONSUMER = 'libs/platform/messaging/src/testing/consumer.process.js';

async function inboxRows(bed: MessagingTestBed): Promise<{ event_id: string; outcome: string }[]> {
  return bed.dataSource.query('SELECT event_id, outcome FROM inbox');
}

/** Session-level advisory lock held by the test until `release`, to freeze a handler or a relay update mid-flight. */
async function holdLock(bed: MessagingTestBed, sql: string): Promise<() => Promise<void>> {
  const client = new Client(bed.connection);
  await client.connect();
  await client.query('BEGIN');
  await client.query(sql);
  return async () => {
    await client.query('ROLLBACK');
    await client.end();
  };
}

/** Waits until some session of `applicationPrefix` is blocked on a lock. */
async function waitUntilBlocked(bed: MessagingTestBed, applicationPrefix: string): Promise<void> {
  await waitFor(
    () => bed.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name LIKE $1`, [`${applicationPrefix}%`]),
    (rows: { n: number }[]) => (rows[0]?.n ?? 0) > 0,
    30_000,
    `${applicationPrefix} blocked on a lock`,
  );
}

/**
 * A crashed process's connections are gone. Postgres notices a dead client only when it next
 * writes to it, so without this an orphaned backend would still run its queued statement once
 * the test releases its lock.
 */
async function dropSessionsOf(bed: MessagingTestBed, applicationName: string): Promise<void> {
  await bed.dataSource.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
}

describe('crash recovery with real processes', () => {
  let bed: MessagingTestBed;
  const children: ChildHandle[] = [];

  beforeAll(() => buildWorkspace());

  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.kill()));
    await bed.dispose();
  });

  it('when the relay is killed after the broker acked but before rows were marked published, then events are delivered twice and applied once', async () => {
    bed = await createMessagingTestBed('relay-crash');
    for (let i = 0; i < 10; i += 1) await incrementCounter(bed, { counterId: `c${i % 2}` });
    // EXCLUSIVE lets the relay read the rows but blocks its UPDATE ... status = 'published'.
    const release = await holdLock(bed, 'LOCK TABLE outbox IN EXCLUSIVE MODE');
    const first = startChild(RELAY, bed.childEnv);
    children.push(first);
    await readTopic(bed, bed.topic, 10); // the broker has acked all ten
    await waitUntilBlocked(bed, `test-${bed.schema}-outbox-relay`);
    await first.kill('SIGKILL');
    await dropSessionsOf(bed, `test-${bed.schema}-outbox-relay`);
    await release();
    expect((await outboxStatus(bed))['pending']).toBe(10);

    const second = startChild(RELAY, bed.childEnv);
    children.push(second);
    await waitFor(() => outboxStatus(bed), (status) => status['published'] === 10, 30_000, 'republished rows marked');
    const delivered = await readTopic(bed, bed.topic, 20);
    expect(new Set(delivered.map((record) => record.headers['ce_id'])).size).toBe(10);

    const consumer = await startCounterConsumer({ databaseUrl: bed.databaseUrl, schema: bed.schema, topic: bed.topic, group: bed.group, brokers: bed.brokers });
    try {
      const registry = consumer.app.get<Registry>(METRICS_REGISTRY);
      const duplicates = async () => (await registry.getSingleMetric('inbox_events_total')?.get())?.values.find((v) => v.labels['outcome'] === 'duplicate')?.value ?? 0;
      await waitFor(duplicates, (count) => count === 10, 30_000, 'ten duplicate deliveries recorded by the inbox');
      expect(await inboxRows(bed)).toHaveLength(10);
      const effects = await appliedEffects(bed);
      expect(effects).toHaveLength(10);
      expect(new Set(effects.map((effect) => effect.event_id)).size).toBe(10);
    } finally {
      await consumer.stop();
    }
  }, 120_000);

  it('when a consumer is killed after some DB commits but before the offset commit, and once mid-transaction, then every event is applied exactly once', async () => {
    // One partition and chunks of five: events 1-5 commit in one transaction, events 6-10 (the
    // last one blocked) share the next; offsets are committed only when the whole batch is done.
    bed = await createMessagingTestBed('consumer-crash', 1);
    for (let i = 1; i <= 9; i += 1) await incrementCounter(bed, { counterId: `k${i % 3}` });
    await incrementCounter(bed, { counterId: 'k-block', block: true });
    const relay = startChild(RELAY, bed.childEnv);
    children.push(relay);
    await waitFor(() => outboxStatus(bed), (status) => status['published'] === 10, 30_000, 'all published');

    const release = await holdLock(bed, `SELECT pg_advisory_lock(${BLOCK_LOCK_ID})`);
    const doomed = startChild(CONSUMER, { ...bed.childEnv, TEST_CHUNK_SIZE: '5' });
    children.push(doomed);
    // The blocked handler sits inside its transaction; the other events' transactions committed
    // but the batch's offsets are only committed after the whole batch.
    await waitUntilBlocked(bed, `counter-consumer-${bed.schema}`);
    const committedBeforeCrash = (await appliedEffects(bed)).length;
    await doomed.kill('SIGKILL');
    await dropSessionsOf(bed, `counter-consumer-${bed.schema}`);
    await release();

    const survivor = startChild(CONSUMER, { ...bed.childEnv, TEST_CHUNK_SIZE: '5' });
    children.push(survivor);
    await waitFor(() => appliedEffects(bed), (effects) => effects.length === 10, 60_000, 'all ten applied');
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const effects = await appliedEffects(bed);
    expect(effects).toHaveLength(10);
    expect(new Set(effects.map((effect) => effect.event_id)).size).toBe(10);
    expect(effects.filter((effect) => effect.subject === 'k-block')).toHaveLength(1);
    // Five events had committed without a committed offset (their redelivery was deduplicated);
    // the blocked chunk was rolled back by the crash and applied once on redelivery.
    expect(committedBeforeCrash).toBe(5);
    const inbox = await inboxRows(bed);
    expect(inbox).toHaveLength(10);
  }, 120_000);
});
