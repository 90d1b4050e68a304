#!/usr/bin/env node
// Kafka readiness check + declarative topic creation for Pathwise.
//
//   node infra/kafka/topics.mjs [--brokers 127.0.0.1:19092] [--timeout 60] [--file topics.json]
//   node infra/kafka/topics.mjs --check [--brokers ...] [--timeout 5]
//
// Default mode waits until the broker answers a real metadata request (kafkajs admin), then makes
// the cluster match infra/kafka/topics.json: creates missing topics, grows partition counts, and
// re-applies topic config when it drifted. Idempotent. --check only verifies that the broker
// answers (exit 0) or not (exit 1). Brokers default to $KAFKA_BROKERS, then 127.0.0.1:19092.
//
// kafkajs is resolved from the repository's node_modules (the script's own location upwards;
// NODE_PATH is honoured as a fallback), so it works from any cwd.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// kafkajs 2.2.4 schedules setTimeout() with a negative delay when it is not throttled; Node 23+
// prints a harmless TimeoutNegativeWarning for that. Keep every other warning.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'TimeoutNegativeWarning') console.error(`${w.name}: ${w.message}`);
});

function parseArgs(argv) {
  const args = { check: false, timeout: undefined, brokers: undefined, file: join(here, 'topics.json') };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '--check') args.check = true;
    else if (a === '--brokers') args.brokers = argv[++i];
    else if (a === '--timeout') args.timeout = Number(argv[++i]);
    else if (a === '--file') args.file = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log('usage: topics.mjs [--check] [--brokers host:port,...] [--timeout seconds] [--file topics.json]');
      process.exit(0);
    } else throw new Error(`unknown argument: ${a}`);
  }
  args.brokers = (args.brokers || process.env.KAFKA_BROKERS || '127.0.0.1:19092').split(',').map((s) => s.trim()).filter(Boolean);
  if (args.timeout === undefined || !Number.isFinite(args.timeout)) args.timeout = args.check ? 5 : 60;
  return args;
}

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

function loadTopics(file) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const rf = doc.defaults?.replicationFactor ?? 1;
  if (!Array.isArray(doc.topics)) throw new Error(`${file}: "topics" must be an array`);
  const seen = new Set();
  const topics = doc.topics.map((t, i) => {
    const where = `${file}: topics[${i}]`;
    if (!t || typeof t.name !== 'string' || !TOPIC_NAME.test(t.name)) throw new Error(`${where}: invalid topic name ${JSON.stringify(t?.name)}`);
    if (seen.has(t.name)) throw new Error(`${where}: duplicate topic ${t.name}`);
    seen.add(t.name);
    if (!Number.isInteger(t.partitions) || t.partitions < 1) throw new Error(`${where} (${t.name}): "partitions" must be a positive integer`);
    const config = Object.fromEntries(Object.entries(t.config ?? {}).map(([k, v]) => [k, String(v)]));
    return { name: t.name, partitions: t.partitions, replicationFactor: t.replicationFactor ?? rf, config, dlqFor: t.dlqFor, retryFor: t.retryFor };
  });
  // Per-consumer-group topics: <topic>.<consumer-group>.dlq (dlqFor) and .retry (retryFor).
  for (const t of topics) {
    for (const [field, suffix] of [['dlqFor', 'dlq'], ['retryFor', 'retry']]) {
      const ref = t[field];
      if (!ref) continue;
      const expected = `${ref.topic}.${ref.group}.${suffix}`;
      if (t.name !== expected) throw new Error(`${file}: ${t.name} (${field}) must be named ${expected} (<topic>.<consumer-group>.${suffix})`);
      if (!seen.has(ref.topic)) throw new Error(`${file}: ${t.name} (${field}) refers to undeclared topic ${ref.topic}`);
    }
  }
  return topics;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let Kafka;
  let logLevel;
  try {
    ({ Kafka, logLevel } = require('kafkajs'));
  } catch {
    console.error('topics.mjs: cannot load kafkajs — run "npm install" at the repository root');
    process.exit(2);
  }
  const topics = args.check ? [] : loadTopics(args.file);

  const kafka = new Kafka({
    clientId: 'pathwise-infra',
    brokers: args.brokers,
    connectionTimeout: 3000,
    requestTimeout: 15000,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });

  // Wait for the broker: connect + DescribeCluster/Metadata must succeed.
  const deadline = Date.now() + args.timeout * 1000;
  let admin;
  let lastError;
  for (;;) {
    admin = kafka.admin({ retry: { retries: 2, initialRetryTime: 200 } });
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0 && cluster.controller !== null && cluster.controller !== undefined) break;
      lastError = new Error('cluster has no controller yet');
    } catch (err) {
      lastError = err;
    }
    await admin.disconnect().catch(() => {});
    if (Date.now() >= deadline) {
      console.error(`topics.mjs: Kafka at ${args.brokers.join(',')} not ready after ${args.timeout}s: ${lastError?.message ?? lastError}`);
      process.exit(1);
    }
    await sleep(500);
  }

  try {
    if (args.check) {
      console.log(`kafka ready at ${args.brokers.join(',')}`);
      return;
    }

    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: t.replicationFactor,
          configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
        })),
      });
      for (const t of missing) console.log(`created ${t.name} (partitions=${t.partitions})`);
    }

    // Grow partitions of pre-existing topics when topics.json asks for more.
    const present = topics.filter((t) => existing.has(t.name));
    let grown = 0;
    if (present.length > 0) {
      const { topics: meta } = await admin.fetchTopicMetadata({ topics: present.map((t) => t.name) });
      const counts = new Map(meta.map((m) => [m.name, m.partitions.length]));
      const toGrow = present.filter((t) => (counts.get(t.name) ?? 0) < t.partitions);
      for (const t of present) {
        const c = counts.get(t.name) ?? 0;
        if (c > t.partitions) console.log(`warning: ${t.name} has ${c} partitions, topics.json declares ${t.partitions} (partitions cannot shrink)`);
      }
      if (toGrow.length > 0) {
        await admin.createPartitions({ topicPartitions: toGrow.map((t) => ({ topic: t.name, count: t.partitions })) });
        for (const t of toGrow) console.log(`grew ${t.name} from ${counts.get(t.name)} to ${t.partitions} partitions`);
        grown = toGrow.length;
      }
    }

    // Re-apply declared config when it drifted (AlterConfigs sets the full declared set).
    let altered = 0;
    const withConfig = present.filter((t) => Object.keys(t.config).length > 0);
    if (withConfig.length > 0) {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: withConfig.map((t) => ({ type: 2 /* TOPIC */, name: t.name, configNames: Object.keys(t.config) })),
      });
      const actual = new Map(resources.map((r) => [r.resourceName, new Map(r.configEntries.map((e) => [e.configName, e.configValue]))]));
      const drifted = withConfig.filter((t) => Object.entries(t.config).some(([k, v]) => actual.get(t.name)?.get(k) !== v));
      if (drifted.length > 0) {
        await admin.alterConfigs({
          validateOnly: false,
          resources: drifted.map((t) => ({
            type: 2,
            name: t.name,
            configEntries: Object.entries(t.config).map(([name, value]) => ({ name, value })),
          })),
        });
        for (const t of drifted) console.log(`updated config of ${t.name}`);
        altered = drifted.length;
      }
    }

    // Warm up the internal topics that Kafka creates lazily (__consumer_offsets on the first
    // FindCoordinator for a group, __transaction_state on the first InitProducerId), so the first
    // test run does not race "coordinator is loading" retries.
    const warmupDeadline = Date.now() + Math.max(args.timeout, 30) * 1000;
    for (;;) {
      const producer = kafka.producer({ idempotent: true, retry: { retries: 2, initialRetryTime: 200 } });
      try {
        await admin.describeGroups(['pathwise-infra.warmup']);
        await producer.connect();
        break;
      } catch (err) {
        if (Date.now() >= warmupDeadline) throw new Error(`group/transaction coordinator not available: ${err.message}`);
        await sleep(500);
      } finally {
        await producer.disconnect().catch(() => {});
      }
    }

    console.log(
      `topics: ${topics.length} declared, ${missing.length} created, ${topics.length - missing.length} already present` +
        (grown ? `, ${grown} grown` : '') +
        (altered ? `, ${altered} reconfigured` : ''),
    );
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

main().catch((err) => {
  console.error(`topics.mjs: ${process.env.PATHWISE_DEBUG ? err?.stack ?? err : err?.message ?? err}`);
  process.exit(1);
});
