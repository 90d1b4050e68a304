import { InvalidEventError } from '@pathwise/contracts';
import { freezeInfrastructure, waitFor } from '@pathwise/platform/testing';
import { Registry } from 'prom-client';
import { createKafka, Outbox, OutboxRelay } from '../index';
import { createMessagingTestBed, incrementCounter, type MessagingTestBed, outboxStatus, readTopic } from '../testing';

function relayFor(bed: MessagingTestBed, overrides: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}) {
  return new OutboxRelay({
    service: `test-${bed.schema}`,
    connection: bed.connection,
    kafka: createKafka({ clientId: 'relay-under-test', brokers: bed.brokers }),
    pollIntervalMs: 100,
    standbyIntervalMs: 100,
    ...overrides,
  });
}

describe('transactional outbox', () => {
  let bed: MessagingTestBed;

  beforeEach(async () => {
    bed = await createMessagingTestBed('outbox');
  });

  afterEach(async () => {
    await bed.dispose();
  });

  it('when the transaction throws after the business write and the append, then neither the change nor the outbox row persists', async () => {
    const outbox = new Outbox();
    await expect(
      bed.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO counters (id, version) VALUES ('c-1', 1)`);
        await outbox.append(manager, bed.contract, { subject: 'c-1', aggregateVersion: 1, data: { counterId: 'c-1', n: 1 } });
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');

    expect(await bed.dataSource.query('SELECT * FROM counters')).toEqual([]);
    expect(await bed.dataSource.query('SELECT * FROM outbox')).toEqual([]);
  });

  it('when append is called outside a transaction, then it refuses instead of publishing a change that may roll back', async () => {
    await expect(
      new Outbox().append(bed.dataSource.manager, bed.contract, { subject: 'c-1', aggregateVersion: 1, data: { counterId: 'c-1', n: 1 } }),
    ).rejects.toThrow(/inside the business transaction/);
  });

  it('when the payload breaks the contract, then the whole transaction fails and nothing is written', async () => {
    await expect(
      bed.dataSource.transaction(async (manager) => {
        await manager.query(`INSERT INTO counters (id, version) VALUES ('c-1', 1)`);
        await new Outbox().append(manager, bed.contract, { subject: 'c-1', aggregateVersion: 1, data: { counterId: '', n: 1.5 } as never });
      }),
    ).rejects.toThrow(InvalidEventError);
    expect(await bed.dataSource.query('SELECT count(*)::int AS n FROM counters')).toEqual([{ n: 0 }]);
  });

  it('when events are committed, then the relay publishes them as CloudEvents in per-key order and marks them published', async () => {
    for (let round = 0; round < 5; round += 1) {
      for (const counterId of ['a', 'b', 'c']) await incrementCounter(bed, { counterId });
    }
    const relay = relayFor(bed);
    relay.start();
    try {
      const records = await readTopic(bed, bed.topic, 15);
      for (const key of ['a', 'b', 'c']) {
        const ofKey = records.filter((record) => record.key === key);
        expect(ofKey.map((record) => Number(record.headers['ce_aggregateversion']))).toEqual([1, 2, 3, 4, 5]);
        expect(new Set(ofKey.map((record) => record.partition)).size).toBe(1);
      }
      expect(records[0]?.headers).toMatchObject({ ce_specversion: '1.0', ce_type: 'pathwise.catalog.counter-incremented.v1', ce_source: '/pathwise/catalog', 'content-type': 'application/json' });
      await waitFor(() => outboxStatus(bed), (status) => status['published'] === 15, 10_000, 'rows marked published');
    } finally {
      await relay.stop();
    }
  });

  it('when Kafka stops answering during writes, then commands still succeed, the backlog grows, and it drains in order once Kafka is back', async () => {
    const relay = relayFor(bed);
    relay.start();
    await incrementCounter(bed, { counterId: 'warm-up' });
    await waitFor(() => outboxStatus(bed), (status) => status['published'] === 1, 10_000, 'warm-up published');

    const resume = freezeInfrastructure('kafka');
    try {
      for (let i = 0; i < 30; i += 1) await incrementCounter(bed, { counterId: `k${i % 3}` });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await outboxStatus(bed))['pending']).toBe(30);
    } finally {
      resume();
    }
    try {
      await waitFor(() => outboxStatus(bed), (status) => status['published'] === 31, 60_000, 'backlog drained');
      const records = await readTopic(bed, bed.topic, 31);
      for (const key of ['k0', 'k1', 'k2']) {
        const versions = records.filter((r) => r.key === key).map((r) => Number(r.headers['ce_aggregateversion']));
        // At least once: a request cut by the freeze may be retried, never reordered.
        expect([...new Set(versions)]).toEqual([...Array(10).keys()].map((v) => v + 1));
        expect(versions).toEqual([...versions].sort((x, y) => x - y));
      }
      expect(await bed.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'parked'`)).toEqual([{ n: 0 }]);
    } finally {
      await relay.stop();
    }
  }, 120_000);

  it('when the broker keeps rejecting one row, then it is parked with its error, its key is held back, and other keys keep flowing', async () => {
    const registry = new Registry();
    const relay = relayFor(bed, { maxAttempts: 2, registry });
    // Larger than the broker's message.max.bytes (1 MiB): rejected as MESSAGE_TOO_LARGE, not an outage.
    await incrementCounter(bed, { counterId: 'huge', padding: 'x'.repeat(1_100_000) });
    await incrementCounter(bed, { counterId: 'huge' });
    await incrementCounter(bed, { counterId: 'small' });
    relay.start();
    try {
      await waitFor(() => bed.dataSource.query(`SELECT status, attempts, last_error FROM outbox WHERE message_key = 'huge' ORDER BY position`), (rows) => rows[0]?.status === 'parked', 20_000, 'huge row parked');
      const rows = await bed.dataSource.query(`SELECT message_key, aggregate_version, status, attempts, last_error FROM outbox ORDER BY position`);
      expect(rows).toEqual([
        { message_key: 'huge', aggregate_version: 1, status: 'parked', attempts: 2, last_error: expect.stringMatching(/larger than the max message size/) },
        { message_key: 'huge', aggregate_version: 2, status: 'pending', attempts: 0, last_error: null },
        { message_key: 'small', aggregate_version: 1, status: 'published', attempts: 0, last_error: null },
      ]);
      expect(await registry.getSingleMetricAsString('outbox_parked_total')).toMatch(/outbox_parked_total\{topic="[^"]+"\} 1/);
    } finally {
      await relay.stop();
    }
  }, 60_000);
});
