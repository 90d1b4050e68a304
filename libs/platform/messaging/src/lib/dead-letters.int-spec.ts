import { waitFor } from '@pathwise/platform/testing';
import { deadLetterTopic, retryTopic } from '@pathwise/contracts';
import { createKafka, FAILURE_HEADERS, OutboxRelay, redriveDeadLetters } from '../index';
import { appliedEffects, CounterEffects, createMessagingTestBed, incrementCounter, type MessagingTestBed, readTopic, type RunningConsumer, startCounterConsumer } from '../testing';

describe('retries, dead letters and redrive', () => {
  let bed: MessagingTestBed;
  let relay: OutboxRelay;
  let consumer: RunningConsumer;

  beforeEach(async () => {
    CounterEffects.poisonFixed = false;
    // One partition, so "later messages on the same partition" is every later message.
    bed = await createMessagingTestBed('dlq', 1);
    relay = new OutboxRelay({ service: `test-${bed.schema}`, connection: bed.connection, kafka: createKafka({ clientId: 'dlq-relay', brokers: bed.brokers }), pollIntervalMs: 100 });
    relay.start();
    consumer = await startCounterConsumer({ databaseUrl: bed.databaseUrl, schema: bed.schema, topic: bed.topic, group: bed.group, brokers: bed.brokers, attempts: 2, retryDelaysMs: [300] });
  });

  afterEach(async () => {
    await consumer.stop();
    await relay.stop();
    await bed.dispose();
  });

  it('when a handler keeps failing, then the event goes through the retry topic to the DLQ with its headers and error, later events are still applied, and a redrive after the fix applies it once', async () => {
    await incrementCounter(bed, { counterId: 'poisoned', poison: true });
    for (const counterId of ['a', 'b', 'c']) await incrementCounter(bed, { counterId });

    await waitFor(() => appliedEffects(bed), (effects) => effects.length === 3, 30_000, 'the later events applied');
    const [retried] = await readTopic(bed, retryTopic(bed.topic, bed.group), 1);
    expect(retried?.headers[FAILURE_HEADERS.retryRound]).toBe('1');
    const [dead] = await readTopic(bed, deadLetterTopic(bed.topic, bed.group), 1);
    expect(dead).toMatchObject({
      key: 'poisoned',
      headers: {
        ce_subject: 'poisoned',
        ce_aggregateversion: '1',
        ce_type: bed.contract.type,
        [FAILURE_HEADERS.originalTopic]: bed.topic,
        [FAILURE_HEADERS.originalPartition]: '0',
        [FAILURE_HEADERS.originalOffset]: '0',
        [FAILURE_HEADERS.group]: bed.group,
        [FAILURE_HEADERS.error]: expect.stringContaining('cannot apply counter poisoned: poison'),
      },
    });
    expect(JSON.parse(dead?.value ?? '{}')).toEqual({ counterId: 'poisoned', n: 1, poison: true });

    CounterEffects.poisonFixed = true;
    const kafka = createKafka({ clientId: 'redrive', brokers: bed.brokers });
    expect(await redriveDeadLetters(kafka, bed.topic, bed.group)).toEqual({ moved: 1 });
    await waitFor(() => appliedEffects(bed), (effects) => effects.some((e) => e.subject === 'poisoned'), 30_000, 'redriven event applied');
    expect((await appliedEffects(bed)).filter((effect) => effect.subject === 'poisoned')).toHaveLength(1);
    expect(await redriveDeadLetters(kafka, bed.topic, bed.group)).toEqual({ moved: 0 });
  }, 90_000);

  it('when a record is not a valid event or its payload breaks the contract, then it goes straight to the DLQ and the partition keeps flowing', async () => {
    const producer = createKafka({ clientId: 'rogue-producer', brokers: bed.brokers }).producer();
    await producer.connect();
    await producer.send({
      topic: bed.topic,
      acks: -1,
      messages: [
        { key: 'not-an-event', value: 'hello' },
        {
          key: 'bad-payload',
          value: JSON.stringify({ counterId: 'bad-payload', n: 'one' }),
          headers: {
            ce_specversion: '1.0', ce_id: 'bad-1', ce_source: '/pathwise/catalog', ce_type: bed.contract.type, ce_subject: 'bad-payload',
            ce_time: new Date().toISOString(), ce_aggregateversion: '1', ce_correlationid: 'c', 'content-type': 'application/json',
          },
        },
      ],
    });
    await producer.disconnect();
    await incrementCounter(bed, { counterId: 'fine' });

    await waitFor(() => appliedEffects(bed), (effects) => effects.length === 1, 30_000, 'the valid event applied');
    const dead = await readTopic(bed, deadLetterTopic(bed.topic, bed.group), 2);
    expect(dead.map((record) => [record.key, record.headers[FAILURE_HEADERS.retryRound]])).toEqual([
      ['not-an-event', undefined],
      ['bad-payload', undefined],
    ]);
    expect(dead[1]?.headers[FAILURE_HEADERS.error]).toMatch(/InvalidEventError.*does not match its schema/);
  }, 60_000);
});
