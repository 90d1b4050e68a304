// bench/outbox: in one run, on the same broker,
//   1. raw kafkajs keyed produce → consume throughput (the reference),
//   2. the outbox path end to end — business commit → relay → Kafka → inbox consumer handled —
//      sustained events/s with per-key order checked,
//   3. commit → handled latency at a fixed offered load (open loop, 500 events/s).
// The relay and the consumer run as separate processes, as they would in the services.
// Usage: npm run bench:outbox [-- --events 10000 --rate 500 --seconds 20]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt } from '../../tools/built.mjs';
import { machine, publish, root, rssMb, summarize } from '../lib.mjs';

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '10000' }, rate: { type: 'string', default: '500' }, seconds: { type: 'string', default: '20' }, keys: { type: 'string', default: '50' } } });
const EVENTS = Number(args.events);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const KEYS = Number(args.keys);
const TARGET_THROUGHPUT = 3_000;
const TARGET_P99_MS = 100;

process.loadEnvFile(path.join(root, '.env'));
const messaging = requireBuilt('libs/platform/messaging/src/index');
const testing = requireBuilt('libs/platform/messaging/src/testing');
const { startChild } = requireBuilt('libs/platform/testing/src/lib/processes');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (i) => `key-${i % KEYS}`;

function checkPerKeyOrder(rows) {
  const last = new Map();
  let violations = 0;
  for (const { subject, version } of rows) {
    if ((last.get(subject) ?? 0) >= version) violations += 1;
    last.set(subject, version);
  }
  return violations;
}

async function rawKafka() {
  const bed = await testing.createMessagingTestBed('bench-raw', 6);
  const kafka = messaging.createKafka({ clientId: 'bench-raw', brokers: bed.brokers });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `${bed.group}-raw` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: bed.topic, fromBeginning: true });
  const seen = [];
  let done;
  const finished = new Promise((resolve) => (done = resolve));
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) seen.push({ subject: String(message.key), version: Number(message.headers.v) });
      if (seen.length >= EVENTS) done(performance.now());
    },
  });
  await sleep(2_000); // group joined and partitions assigned
  const versions = new Map();
  const started = performance.now();
  for (let offset = 0; offset < EVENTS; offset += 500) {
    const messages = [];
    for (let i = offset; i < Math.min(offset + 500, EVENTS); i += 1) {
      const key = keyOf(i);
      const version = (versions.get(key) ?? 0) + 1;
      versions.set(key, version);
      messages.push({ key, value: JSON.stringify({ counterId: key, n: version }), headers: { v: String(version) } });
    }
    await producer.send({ topic: bed.topic, acks: -1, messages });
  }
  const ended = await finished;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  await bed.dispose();
  const seconds = (ended - started) / 1000;
  return { events: EVENTS, seconds: Math.round(seconds * 100) / 100, eventsPerSecond: Math.round(EVENTS / seconds), orderViolations: checkPerKeyOrder(seen) };
}

const WRITERS = 16;

/** EVENTS business commands from WRITERS concurrent writers, as fast as they commit. */
async function writeAll(bed) {
  const outbox = new messaging.Outbox();
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < EVENTS) {
        const i = next++;
        await testing.incrementCounter(bed, { counterId: keyOf(i) }, outbox);
      }
    }),
  );
}

/** Diagnostic: the business-command path alone (no relay, no consumer), to tell CPU contention from design limits. */
async function commitsAlone() {
  const bed = await testing.createMessagingTestBed('bench-commits', 6);
  const started = performance.now();
  await writeAll(bed);
  const seconds = (performance.now() - started) / 1000;
  await bed.dispose();
  return { events: EVENTS, writers: WRITERS, commitsPerSecond: Math.round(EVENTS / seconds) };
}

async function withServices(label, work) {
  const bed = await testing.createMessagingTestBed(label, 6);
  const relay = startChild('libs/platform/messaging/src/testing/relay.process.js', { ...bed.childEnv, RELAY_BATCH_SIZE: '500', TEST_LOG_LEVEL: 'warn' });
  const consumer = startChild('libs/platform/messaging/src/testing/consumer.process.js', { ...bed.childEnv, TEST_LOG_LEVEL: 'warn' });
  const memory = { relayMb: 0, consumerMb: 0 };
  const sampler = setInterval(() => {
    memory.relayMb = Math.max(memory.relayMb, rssMb(relay.child.pid) ?? 0);
    memory.consumerMb = Math.max(memory.consumerMb, rssMb(consumer.child.pid) ?? 0);
  }, 500);
  try {
    await Promise.all([relay.waitForLine('RELAY_LEADER'), consumer.waitForLine('CONSUMER_JOINED')]);
    return { ...(await work(bed)), memory };
  } finally {
    clearInterval(sampler);
    await Promise.all([relay.kill('SIGTERM'), consumer.kill('SIGTERM')]);
    await bed.dispose();
  }
}

async function appliedCount(bed) {
  const [row] = await bed.dataSource.query('SELECT count(*)::int AS n FROM effects');
  return row.n;
}

async function outboxThroughput() {
  return withServices('bench-throughput', async (bed) => {
    const started = performance.now();
    await writeAll(bed);
    const committedIn = (performance.now() - started) / 1000;
    while ((await appliedCount(bed)) < EVENTS) await sleep(50);
    const seconds = (performance.now() - started) / 1000;
    const rows = await bed.dataSource.query('SELECT subject, version FROM effects ORDER BY id');
    return { events: EVENTS, writers: WRITERS, commitSeconds: Math.round(committedIn * 100) / 100, seconds: Math.round(seconds * 100) / 100, eventsPerSecond: Math.round(EVENTS / seconds), orderViolations: checkPerKeyOrder(rows), applied: rows.length };
  });
}

async function outboxLatency() {
  return withServices('bench-latency', async (bed) => {
    const outbox = new messaging.Outbox();
    const committed = new Map();
    const total = RATE * SECONDS;
    const pending = [];
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      // Open loop: command i is due at i / RATE seconds, whether or not earlier ones finished.
      const due = started + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const key = keyOf(i);
      pending.push(testing.incrementCounter(bed, { counterId: key }, outbox).then((version) => committed.set(`${key}:${version}`, Date.now())));
    }
    await Promise.all(pending);
    while ((await appliedCount(bed)) < total) await sleep(50);
    const rows = await bed.dataSource.query(`SELECT subject, version, (extract(epoch from applied_at) * 1000)::float8 AS applied_ms FROM effects`);
    const latencies = rows.map((row) => row.applied_ms - committed.get(`${row.subject}:${row.version}`));
    return { offeredPerSecond: RATE, seconds: SECONDS, events: total, latencyMs: summarize(latencies) };
  });
}

const raw = await rawKafka();
console.log('raw kafkajs', raw);
const commits = await commitsAlone();
console.log('business commits alone', commits);
const throughput = await outboxThroughput();
console.log('outbox throughput', throughput);
const latency = await outboxLatency();
console.log('outbox latency', latency);

const result = {
  benchmark: 'outbox',
  at: new Date().toISOString(),
  machine: machine(),
  targets: { eventsPerSecond: TARGET_THROUGHPUT, p99Ms: TARGET_P99_MS, atOfferedPerSecond: RATE },
  raw,
  commitsAlone: commits,
  throughput,
  latency,
  ratioToRaw: Math.round((throughput.eventsPerSecond / raw.eventsPerSecond) * 1000) / 1000,
  met: {
    throughput: throughput.eventsPerSecond >= TARGET_THROUGHPUT && throughput.orderViolations === 0,
    latency: latency.latencyMs.p99 <= TARGET_P99_MS,
    memory: Math.max(throughput.memory.relayMb, throughput.memory.consumerMb, latency.memory.relayMb, latency.memory.consumerMb) <= 200,
  },
};
const verdict = (ok) => (ok ? 'met' : '**missed**');
const file = publish(
  'outbox',
  result,
  `## Outbox end to end (\`npm run bench:outbox\`)

Run ${result.at} on ${result.machine.cpus} cores (${result.machine.cpuModel}), Node ${result.machine.node}; PostgreSQL, Kafka 4.1.1, relay and consumer all on this machine.

| Measure | Result | Target |
|---|---|---|
| Raw kafkajs keyed produce → consume (reference) | ${raw.eventsPerSecond} events/s (${raw.events} events) | — |
| Outbox: commit → relay → Kafka → inbox handled, ${WRITERS} writers | ${throughput.eventsPerSecond} events/s, ${throughput.orderViolations} per-key order violations | ≥ ${TARGET_THROUGHPUT} events/s — ${verdict(result.met.throughput)} |
| Ratio outbox / raw kafkajs | ${result.ratioToRaw} | — |
| Diagnostic: business commits (upsert + outbox.append) alone, no relay or consumer running | ${commits.commitsPerSecond} commits/s | — |
| Commit → handled latency at ${RATE} events/s offered (${latency.events} events) | p50 ${latency.latencyMs.p50} ms · p95 ${latency.latencyMs.p95} ms · p99 ${latency.latencyMs.p99} ms · max ${latency.latencyMs.max} ms | p99 ≤ ${TARGET_P99_MS} ms — ${verdict(result.met.latency)} |
| Peak RSS, relay process / consumer process | ${Math.max(throughput.memory.relayMb, latency.memory.relayMb)} MB / ${Math.max(throughput.memory.consumerMb, latency.memory.consumerMb)} MB | ≤ 200 MB each — ${verdict(result.met.memory)} |`,
);
console.log(`results written to ${path.relative(root, file)} and docs/benchmarks.md`);
process.exit(0);
