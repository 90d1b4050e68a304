#!/usr/bin/env node
// End-to-end kafkajs smoke test against the running broker (used to validate the Kafka version
// chosen in docs/adr/0002-local-infrastructure.md). Not part of `infra.sh up`.
//
//   node infra/kafka/smoke.mjs [--brokers 127.0.0.1:19092]
//
// Creates a throw-away topic (auto-create is off), checks metadata, produces keyed messages with
// acks=-1 (idempotent producer), consumes them in a consumer group, verifies that every message
// arrived and that equal keys landed on the same partition, commits, describes the group, and
// deletes the topic again. Exit 0 = all good.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// kafkajs 2.2.4 schedules setTimeout() with a negative delay when it is not throttled; Node 23+
// prints a harmless TimeoutNegativeWarning for that. Keep every other warning.
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name !== 'TimeoutNegativeWarning') console.error(`${w.name}: ${w.message}`);
});
const { Kafka, logLevel, Partitioners } = require('kafkajs');

const argv = process.argv.slice(2);
const brokersArg = argv.includes('--brokers') ? argv[argv.indexOf('--brokers') + 1] : undefined;
const brokers = (brokersArg || process.env.KAFKA_BROKERS || '127.0.0.1:19092').split(',');

const topic = `pathwise.smoke.${Date.now()}`;
const groupId = `pathwise.smoke-${process.pid}`;
const kafka = new Kafka({ clientId: 'pathwise-smoke', brokers, logLevel: logLevel.WARN });
const admin = kafka.admin();
const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000 });

const step = (msg) => console.log(`ok  ${msg}`);
const KEYS = ['roadmap-1', 'roadmap-2', 'roadmap-3', 'roadmap-4', 'roadmap-5'];
const N = 50;

async function main() {
  await admin.connect();
  const cluster = await admin.describeCluster();
  step(`describeCluster: ${cluster.brokers.length} broker(s), controller ${cluster.controller}, cluster ${cluster.clusterId}`);

  const created = await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 3, replicationFactor: 1 }] });
  step(`createTopics ${topic} -> ${created}`);

  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const parts = topics[0].partitions;
  if (parts.length !== 3 || parts.some((p) => p.leader < 0)) throw new Error(`unexpected metadata ${JSON.stringify(parts)}`);
  step(`fetchTopicMetadata: ${parts.length} partitions with leaders ${parts.map((p) => p.leader).join(',')}`);

  await producer.connect();
  const messages = Array.from({ length: N }, (_, i) => ({
    key: KEYS[i % KEYS.length],
    value: JSON.stringify({ seq: i }),
    headers: { 'x-correlation-id': `smoke-${i}` },
  }));
  const res = await producer.send({ topic, acks: -1, messages });
  step(`produce ${N} keyed messages acks=-1 (idempotent): ${res.map((r) => `p${r.partition}@${r.baseOffset}`).join(' ')}`);

  const received = [];
  const keyPartition = new Map();
  let resolveDone;
  const done = new Promise((r) => { resolveDone = r; });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const key = message.key.toString();
      if (keyPartition.has(key) && keyPartition.get(key) !== partition) throw new Error(`key ${key} on two partitions`);
      keyPartition.set(key, partition);
      received.push(JSON.parse(message.value.toString()).seq);
      if (message.headers['x-correlation-id'] === undefined) throw new Error('header lost');
      if (received.length === N) resolveDone();
    },
  });
  const timeout = setTimeout(() => resolveDone(new Error(`timeout: received ${received.length}/${N}`)), 30000);
  const err = await done;
  clearTimeout(timeout);
  if (err) throw err;
  const perKeyOrdered = KEYS.every((k, ki) => {
    const seqs = received.filter((s) => s % KEYS.length === ki);
    return seqs.every((s, i) => i === 0 || s > seqs[i - 1]);
  });
  if (!perKeyOrdered) throw new Error('per-key order violated');
  step(`consumer group ${groupId}: received ${received.length}/${N}, per-key order kept, keys->partitions ${JSON.stringify(Object.fromEntries(keyPartition))}`);

  await consumer.stop();
  const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committed = offsets[0].partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  step(`committed offsets total ${committed}`);
  const groups = await admin.describeGroups([groupId]);
  step(`describeGroups: ${groups.groups[0].groupId} state=${groups.groups[0].state} protocol=${groups.groups[0].protocol}`);

  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteTopics({ topics: [topic] });
  step(`deleteTopics ${topic}`);
  await admin.deleteGroups([groupId]).catch(() => {});
  await admin.disconnect();
  console.log('kafkajs smoke test passed');
}

main().catch(async (err) => {
  console.error(`FAIL ${err?.stack ?? err}`);
  await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] }).catch(() => {});
  await admin.disconnect().catch(() => {});
  process.exit(1);
});
