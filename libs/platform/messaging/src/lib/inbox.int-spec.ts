import type { EventEnvelope } from '@pathwise/contracts';
import { randomUUID } from 'node:crypto';
import { Inbox, type InboxOutcome } from '../index';
import { createMessagingTestBed, type MessagingTestBed } from '../testing';

describe('inbox.runOnce', () => {
  let bed: MessagingTestBed;
  const inbox = new Inbox();
  const event = (subject: string, aggregateVersion: number, id = randomUUID()): EventEnvelope => ({
    id, type: 'pathwise.catalog.counter-incremented.v1', source: '/pathwise/catalog', subject, time: new Date().toISOString(), data: {}, aggregateVersion, correlationId: 'c',
  });

  beforeAll(async () => {
    bed = await createMessagingTestBed('inbox');
  });

  afterAll(() => bed.dispose());

  async function deliver(envelope: EventEnvelope, group = 'g'): Promise<InboxOutcome> {
    return bed.dataSource.transaction((manager) =>
      inbox.runOnce(manager, group, bed.topic, envelope, async (tx) => {
        await tx.query('INSERT INTO effects (subject, version, event_id, n) VALUES ($1, $2, $3, 0)', [envelope.subject, envelope.aggregateVersion, envelope.id]);
      }),
    );
  }

  const effectsOf = async (subject: string) => (await bed.dataSource.query('SELECT version FROM effects WHERE subject = $1 ORDER BY id', [subject])).map((r: { version: number }) => r.version);

  it('when the same event is delivered twice, then the second delivery is a duplicate and the handler ran once', async () => {
    const first = event('dup', 1);
    expect(await deliver(first)).toBe('applied');
    expect(await deliver(first)).toBe('duplicate');
    expect(await effectsOf('dup')).toEqual([1]);
  });

  it('when an older version arrives after a newer one, then it is recorded as stale and not applied', async () => {
    expect(await deliver(event('stale', 2))).toBe('applied');
    expect(await deliver(event('stale', 1))).toBe('stale');
    expect(await deliver(event('stale', 2))).toBe('stale');
    expect(await deliver(event('stale', 3))).toBe('applied');
    expect(await effectsOf('stale')).toEqual([2, 3]);
    expect(await bed.dataSource.query(`SELECT aggregate_version, outcome FROM inbox WHERE subject = 'stale' ORDER BY processed_at, aggregate_version`)).toEqual([
      { aggregate_version: 2, outcome: 'applied' },
      { aggregate_version: 1, outcome: 'stale' },
      { aggregate_version: 2, outcome: 'stale' },
      { aggregate_version: 3, outcome: 'applied' },
    ]);
  });

  it('when the handler throws, then neither the inbox record nor the version moves, and a redelivery applies it', async () => {
    const envelope = event('fails-once', 1);
    await expect(
      bed.dataSource.transaction((manager) => inbox.runOnce(manager, 'g', bed.topic, envelope, async () => Promise.reject(new Error('boom')))),
    ).rejects.toThrow('boom');
    expect(await bed.dataSource.query(`SELECT * FROM inbox WHERE subject = 'fails-once'`)).toEqual([]);
    expect(await deliver(envelope)).toBe('applied');
  });

  it('when two consumer groups receive the same event, then each applies it once', async () => {
    const shared = event('shared', 1);
    expect(await deliver(shared, 'group-a')).toBe('applied');
    expect(await deliver(shared, 'group-b')).toBe('applied');
    expect(await deliver(shared, 'group-a')).toBe('duplicate');
  });
});
