import { buildWorkspace, type ChildHandle, startChild, waitFor } from '@pathwise/platform/testing';
import { appliedEffects, createMessagingTestBed, incrementCounter, type MessagingTestBed, type RunningConsumer, startCounterConsumer } from '../testing';

const RELAY = 'libs/platform/messaging/src/testing/relay.process.js';
const KEYS = 50;
const PER_KEY = 20;

describe('per-key order through relay crashes, competing relays and consumer rebalances', () => {
  let bed: MessagingTestBed;
  const relays: ChildHandle[] = [];
  const consumers: RunningConsumer[] = [];

  beforeAll(() => buildWorkspace());

  afterAll(async () => {
    await Promise.all(relays.map((relay) => relay.kill()));
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await bed?.dispose();
  });

  it('when 1,000 events over 50 keys flow while relays are killed and consumers join and leave, then each key is applied once per version, in increasing order', async () => {
    bed = await createMessagingTestBed('ordering', 6);
    const settings = { databaseUrl: bed.databaseUrl, schema: bed.schema, topic: bed.topic, group: bed.group, brokers: bed.brokers };
    const startRelay = () => {
      const relay = startChild(RELAY, { ...bed.childEnv, RELAY_BATCH_SIZE: '50' });
      relays.push(relay);
      return relay;
    };
    // Two relays from the start: one is active, the other waits on the lock.
    startRelay();
    startRelay();
    consumers.push(await startCounterConsumer(settings));

    const commands = Array.from({ length: KEYS * PER_KEY }, (_, i) => `key-${i % KEYS}`);
    let written = 0;
    const writers = Array.from({ length: 8 }, async () => {
      while (commands.length > 0) {
        const counterId = commands.shift() as string;
        await incrementCounter(bed, { counterId });
        written += 1;
      }
    });

    const chaos = (async () => {
      for (const threshold of [250, 500, 750]) {
        await waitFor(async () => written, (n) => n >= threshold, 60_000, `${threshold} commands written`);
        // Kill whichever relay is alive longest (the likely leader) and start a fresh one.
        const victim = relays.find((relay) => relay.child.exitCode === null && relay.child.signalCode === null);
        await victim?.kill('SIGKILL');
        startRelay();
        if (threshold === 250) consumers.push(await startCounterConsumer(settings)); // rebalance: a member joins
        if (threshold === 500) await consumers.shift()?.stop(); // rebalance: a member leaves
      }
    })();

    await Promise.all([...writers, chaos]);
    const effects = await waitFor(() => appliedEffects(bed), (rows) => rows.length >= KEYS * PER_KEY, 120_000, 'all events applied');

    expect(effects).toHaveLength(KEYS * PER_KEY);
    const byKey = new Map<string, number[]>();
    for (const effect of effects) byKey.set(effect.subject, [...(byKey.get(effect.subject) ?? []), effect.version]);
    expect(byKey.size).toBe(KEYS);
    for (const versions of byKey.values()) expect(versions).toEqual(Array.from({ length: PER_KEY }, (_, i) => i + 1));
  }, 240_000);
});
