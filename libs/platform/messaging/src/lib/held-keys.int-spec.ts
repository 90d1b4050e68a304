import { waitFor } from '@pathwise/platform/testing';
import { deadLetterTopic } from '@pathwise/contracts';
import { createKafka, OutboxRelay, redriveDeadLetters } from '../index';
import { appliedEffects, CounterEffects, createMessagingTestBed, type Effect, incrementCounter, type MessagingTestBed, readTopic, type RunningConsumer, startCounterConsumer } from '../testing';

// Per-key order through retries and dead letters (ADR 0013): later events of a key whose head
// failed wait for it instead of overtaking it, so delta events are neither reordered nor lost.
describe('held keys: later events of a key follow its failed head', () => {
  let bed: MessagingTestBed;
  let relay: OutboxRelay;
  let consumer: RunningConsumer | undefined;

  const versionsOf = (effects: Effect[], subject: string) => effects.filter((effect) => effect.subject === subject).map((effect) => effect.version);
  const heldEvents = async (key: string): Promise<number> => Number((await bed.dataSource.query('SELECT count(*) AS n FROM inbox_held_events WHERE message_key = $1', [key]))[0].n);
  const heldHead = async (key: string): Promise<string | undefined> => (await bed.dataSource.query('SELECT head_event_id FROM inbox_held_keys WHERE message_key = $1', [key]))[0]?.head_event_id;
  const eventId = async (key: string, version: number): Promise<string> =>
    (await bed.dataSource.query('SELECT id FROM outbox WHERE message_key = $1 AND aggregate_version = $2', [key, version]))[0].id;
  const writeVersions = async (counterId: string, count: number) => {
    for (let i = 0; i < count; i += 1) await incrementCounter(bed, { counterId });
  };

  beforeEach(async () => {
    CounterEffects.failing.clear();
    CounterEffects.failedAttempts.clear();
    // One partition: the held key and the key that keeps flowing share it.
    bed = await createMessagingTestBed('held', 1);
    relay = new OutboxRelay({ service: `test-${bed.schema}`, connection: bed.connection, kafka: createKafka({ clientId: 'held-relay', brokers: bed.brokers }), pollIntervalMs: 50 });
    relay.start();
  });

  afterEach(async () => {
    CounterEffects.failing.clear();
    await consumer?.stop();
    await relay.stop();
    await bed.dispose();
  });

  const start = async (retryDelaysMs: number[]) => {
    consumer = await startCounterConsumer({ databaseUrl: bed.databaseUrl, schema: bed.schema, topic: bed.topic, group: bed.group, brokers: bed.brokers, attempts: 2, retryDelaysMs });
  };

  it('when version 2 of a key fails through several retry rounds while versions 3-7 arrive, then 2-7 are applied in order once it heals, and another key is applied meanwhile', async () => {
    await start(Array.from({ length: 40 }, () => 300));
    await incrementCounter(bed, { counterId: 'k' });
    await waitFor(() => appliedEffects(bed), (effects) => effects.length === 1, 30_000, 'version 1 applied');

    CounterEffects.failing.add('k@2');
    await writeVersions('k', 6);
    await writeVersions('other', 3);

    await waitFor(async () => ({ parked: await heldEvents('k'), failures: CounterEffects.failedAttempts.get('k@2') ?? 0, effects: await appliedEffects(bed) }),
      ({ parked, failures, effects }) => parked === 5 && failures >= 6 && versionsOf(effects, 'other').length === 3, 30_000, 'k held behind version 2 (several rounds), other applied');
    expect(await heldHead('k')).toBe(await eventId('k', 2));
    expect(versionsOf(await appliedEffects(bed), 'k')).toEqual([1]);

    CounterEffects.failing.delete('k@2');
    const effects = await waitFor(() => appliedEffects(bed), (rows) => versionsOf(rows, 'k').length === 7, 30_000, 'k applied up to version 7');

    expect(versionsOf(effects, 'k')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(versionsOf(effects, 'other')).toEqual([1, 2, 3]);
    // The other key did not wait for the held one: all of it precedes k's recovery.
    const recovered = effects.findIndex((effect) => effect.subject === 'k' && effect.version === 2);
    expect(effects.slice(recovered).filter((effect) => effect.subject === 'other')).toEqual([]);
    expect(await bed.dataSource.query("SELECT subject, aggregate_version FROM inbox WHERE outcome = 'stale'")).toEqual([]);
    expect(await heldHead('k')).toBeUndefined();
    expect(await heldEvents('k')).toBe(0);

    // Released: the next version is applied straight from the main topic.
    await incrementCounter(bed, { counterId: 'k' });
    await waitFor(() => appliedEffects(bed), (rows) => versionsOf(rows, 'k').length === 8, 30_000, 'version 8 applied');
  }, 90_000);

  it('when a follower fails after its head was applied, then it becomes the new head and the rest wait for it', async () => {
    await start(Array.from({ length: 40 }, () => 300));
    CounterEffects.failing.add('k@2');
    CounterEffects.failing.add('k@4');
    await writeVersions('k', 6);
    await waitFor(() => heldEvents('k'), (parked) => parked === 4, 30_000, 'versions 3-6 parked');

    CounterEffects.failing.delete('k@2');
    await waitFor(async () => ({ effects: await appliedEffects(bed), head: await heldHead('k'), parked: await heldEvents('k') }),
      ({ effects, head, parked }) => versionsOf(effects, 'k').length === 3 && head !== undefined && parked === 2, 30_000, 'versions 1-3 applied, 4 is the new head');
    expect(await heldHead('k')).toBe(await eventId('k', 4));

    CounterEffects.failing.delete('k@4');
    const effects = await waitFor(() => appliedEffects(bed), (rows) => rows.length === 6, 30_000, 'all six applied');
    expect(versionsOf(effects, 'k')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await heldHead('k')).toBeUndefined();
  }, 90_000);

  it('when the head exhausts every retry round, then it is dead-lettered, its followers (and a duplicate of one) stay held, and a redrive after the fix applies them all in order, once', async () => {
    await start([200]);
    await incrementCounter(bed, { counterId: 'k' });
    await waitFor(() => appliedEffects(bed), (effects) => effects.length === 1, 30_000, 'version 1 applied');
    CounterEffects.failing.add('k@2');
    await writeVersions('k', 6);
    await writeVersions('other', 2);

    const [dead] = await readTopic(bed, deadLetterTopic(bed.topic, bed.group), 1);
    expect(dead).toMatchObject({ key: 'k', headers: { ce_aggregateversion: '2' } });
    // A relay crash can publish an event twice: a copy of version 4 arrives while k is held.
    const records = await readTopic(bed, bed.topic, 9);
    const four = records.find((record) => record.key === 'k' && record.headers['ce_aggregateversion'] === '4');
    const producer = createKafka({ clientId: 'duplicate-producer', brokers: bed.brokers }).producer();
    await producer.connect();
    await producer.send({ topic: bed.topic, acks: -1, messages: [{ key: four?.key ?? null, value: four?.value ?? null, headers: four?.headers }] });
    await producer.disconnect();

    await waitFor(async () => ({ parked: await heldEvents('k'), effects: await appliedEffects(bed) }),
      ({ parked, effects }) => parked === 6 && versionsOf(effects, 'other').length === 2, 30_000, 'followers and the copy held, other applied');
    expect(versionsOf(await appliedEffects(bed), 'k')).toEqual([1]);
    expect(await heldHead('k')).toBe(await eventId('k', 2));

    CounterEffects.failing.delete('k@2');
    const kafka = createKafka({ clientId: 'redrive', brokers: bed.brokers });
    expect(await redriveDeadLetters(kafka, bed.topic, bed.group)).toEqual({ moved: 1 });
    const effects = await waitFor(() => appliedEffects(bed), (rows) => versionsOf(rows, 'k').length >= 7, 30_000, 'k applied up to version 7');

    expect(versionsOf(effects, 'k')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await heldHead('k')).toBeUndefined();
    expect(await heldEvents('k')).toBe(0);
    expect(await bed.dataSource.query("SELECT subject, aggregate_version FROM inbox WHERE outcome = 'stale'")).toEqual([]);
  }, 90_000);
});
