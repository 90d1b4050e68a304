// bench/outbox: in one run, on the same database and broker,
//   1. raw kafkajs keyed produce → consume throughput (context: no database work at all),
//   2. the business commits alone (upsert + outbox.append, no relay or consumer): the reference,
//      since machines differ threefold in commit rate,
//   3. the outbox path end to end — business commit → relay → Kafka → inbox consumer handled —
//      sustained events/s with per-key order checked, as a ratio to (2),
//   4. commit → handled latency at half the throughput (3) measured (open loop), order checked too.
// The relay and the consumer run as separate processes, as they would in the services.
// Targets: (3) ≥ 0.5 of (2) with per-key order kept; p99 ≤ 100 ms in (4); peak RSS of the relay
// and the consumer ≤ 256 MiB each.
// Usage: npm run bench:outbox [-- --events 10000 --seconds 20 --keys 50]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt } from '../../tools/built.mjs';
import { machine, MEMORY_TARGET_MIB, publish, ratio, root, rssMb, summarize, verdict } from '../lib.mjs';

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '20' }, keys: { type: 'string', default: '50' } } });
const EVENTS = Number(args.events);
const SECONDS = Number(args.seconds);
const KEYS = Number(args.keys);
const TARGET_RATIO = 0.5;
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

async function outboxLatency(rate) {
  return withServices('bench-latency', async (bed) => {
    const outbox = new messaging.Outbox();
    const committed = new Map();
    const total = rate * SECONDS;
    const pending = [];
    const started = performance.now();
    for (let i = 0; i < total; i += 1) {
      // Open loop: command i is due at i / rate seconds, whether or not earlier ones finished.
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      const key = keyOf(i);
      pending.push(testing.incrementCounter(bed, { counterId: key }, outbox).then((version) => committed.set(`${key}:${version}`, Date.now())));
    }
    await Promise.all(pending);
    while ((await appliedCount(bed)) < total) await sleep(50);
    const rows = await bed.dataSource.query(`SELECT subject, version, (extract(epoch from applied_at) * 1000)::float8 AS applied_ms FROM effects ORDER BY id`);
    const latencies = rows.map((row) => row.applied_ms - committed.get(`${row.subject}:${row.version}`));
    return { offeredPerSecond: rate, seconds: SECONDS, events: total, latencyMs: summarize(latencies), orderViolations: checkPerKeyOrder(rows), applied: rows.length };
  });
}

const raw = await rawKafka();
console.log('raw kafkajs', raw);
const commits = await commitsAlone();
console.log('business commits alone', commits);
const throughput = await outboxThroughput();
console.log('outbox throughput', throughput);
// Half of what this machine just sustained end to end, so the load is comparable across machines.
const latency = await outboxLatency(Math.max(1, Math.round(throughput.eventsPerSecond / 2)));
console.log('outbox latency', latency);

const peak = {
  relayMb: Math.max(throughput.memory.relayMb, latency.memory.relayMb),
  consumerMb: Math.max(throughput.memory.consumerMb, latency.memory.consumerMb),
};
const result = {
  benchmark: 'outbox',
  at: new Date().toISOString(),
  machine: machine(),
  targets: { ratioToCommitsAlone: TARGET_RATIO, p99Ms: TARGET_P99_MS, atOfferedPerSecond: latency.offeredPerSecond, rssMib: MEMORY_TARGET_MIB },
  raw,
  commitsAlone: commits,
  throughput,
  latency,
  ratioToCommitsAlone: ratio(throughput.eventsPerSecond, commits.commitsPerSecond),
  ratioToRaw: ratio(throughput.eventsPerSecond, raw.eventsPerSecond),
  peakRssMib: peak,
};
result.met = {
  throughput: result.ratioToCommitsAlone >= TARGET_RATIO,
  order: throughput.orderViolations === 0 && latency.orderViolations === 0 && throughput.applied === EVENTS && latency.applied === latency.events,
  latency: latency.latencyMs.p99 <= TARGET_P99_MS,
  relayMemory: peak.relayMb <= MEMORY_TARGET_MIB,
  consumerMemory: peak.consumerMb <= MEMORY_TARGET_MIB,
};
const file = publish(
  'outbox',
  result,
  `## Outbox end to end (\`npm run bench:outbox\`)

Run ${result.at} on ${result.machine.cpus} cores (${result.machine.cpuModel}), Node ${result.machine.node}; PostgreSQL, Kafka 4.1.1, relay and consumer all on this machine; ${EVENTS} events over ${KEYS} keys.

| Measure | Result | Target |
|---|---|---|
| Context: raw kafkajs keyed produce → consume, no database | ${raw.eventsPerSecond} events/s | — |
| Reference: business commits alone (upsert + outbox.append, ${WRITERS} writers, no relay or consumer running) | ${commits.commitsPerSecond} commits/s | — |
| Outbox end to end: commit → relay → Kafka → inbox handled, ${WRITERS} writers | ${throughput.eventsPerSecond} events/s (commits done in ${throughput.commitSeconds} s, all handled in ${throughput.seconds} s) | — |
| End to end / business commits alone | **${result.ratioToCommitsAlone}** | ≥ ${TARGET_RATIO} — ${verdict(result.met.throughput)} |
| Per-key order, both outbox runs (every event handled once, versions increasing per key) | ${throughput.orderViolations} + ${latency.orderViolations} violations; ${throughput.applied}/${EVENTS} and ${latency.applied}/${latency.events} handled | none — ${verdict(result.met.order)} |
| Commit → handled latency at half the measured throughput (${latency.offeredPerSecond} events/s offered, open loop, ${latency.events} events) | p50 ${latency.latencyMs.p50} ms · p95 ${latency.latencyMs.p95} ms · p99 ${latency.latencyMs.p99} ms · max ${latency.latencyMs.max} ms | p99 ≤ ${TARGET_P99_MS} ms — ${verdict(result.met.latency)} |
| Peak RSS of the relay process | ${peak.relayMb} MiB | ≤ ${MEMORY_TARGET_MIB} MiB (aim 200 MB) — ${verdict(result.met.relayMemory)} |
| Peak RSS of the consumer process | ${peak.consumerMb} MiB | ≤ ${MEMORY_TARGET_MIB} MiB (aim 200 MB) — ${verdict(result.met.consumerMemory)} |

Context: end to end / raw kafkajs ${result.ratioToRaw}.`,
);
console.log(`results written to ${path.relative(root, file)} and docs/benchmarks.md`);
process.exit(0);
