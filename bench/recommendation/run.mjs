// bench/recommendation: in one run, with progress and recommendation each running as its own
// process (built dist/, real PostgreSQL and Kafka):
//   1. choreography lag: a learner's skill-status command at progress → SkillStatusChanged through
//      progress's outbox and Kafka → recommendation's inbox recomputes and stores the list and
//      appends RecommendationsUpdated, measured event to event (the RecommendationsUpdated's time
//      minus the time of the SkillStatusChanged that caused it, both stamped on this machine);
//   2. the recommender alone on the 32-skill Backend Engineer roadmap (µs per call);
//   3. peak RSS of the recommendation service during the load.
// Usage: npm run bench:recommendation [-- --learners 50 --seconds 20 --rate 2]
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt } from '../../tools/built.mjs';
import { freePort, machine, publish, root, rssMb, serviceEnv, summarize, waitForOk } from '../lib.mjs';
import { backendRoadmapGraph, benchRecommender } from './recommender.mjs';

const { values: args } = parseArgs({ options: { learners: { type: 'string', default: '50' }, seconds: { type: 'string', default: '20' }, rate: { type: 'string', default: '2' } } });
const LEARNERS = Number(args.learners);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate); // commands per second per learner
const TARGET_LAG_P99_MS = 500;
const TARGET_RECOMMENDER_MS = 1;
const TARGET_RSS_MB = 200;

process.loadEnvFile(path.join(root, '.env'));
const { createTestIssuer, serveJwks } = requireBuilt('libs/platform/auth/src/testing');
const { createKafka } = requireBuilt('libs/platform/messaging/src/index');
const { RoadmapPublished, RecommendationsUpdated, SkillStatusChanged, toKafkaRecord, validateData } = requireBuilt('libs/contracts/src/index');
const { runMigrations } = requireBuilt('libs/platform/persistence/src/index');
const { PROGRESS_MIGRATIONS } = requireBuilt('libs/progress/feature/src/index');
const { RECOMMENDATION_MIGRATIONS } = requireBuilt('libs/recommendation/feature/src/index');
const { startChild } = requireBuilt('libs/platform/testing/src/lib/processes');
const { tailTopic } = requireBuilt('libs/platform/testing/src/lib/topic-tail');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const brokers = process.env.KAFKA_BROKERS.split(',');

/** The seeded Backend Engineer roadmap under a fresh id, as the catalog would publish it. */
function publication(roadmapId) {
  const graph = backendRoadmapGraph();
  const levels = (signals) => Object.fromEntries(Object.entries(signals).map(([key, signal]) => [key, signal.level]));
  return {
    roadmapId,
    slug: roadmapId.slice('roadmap:'.length),
    title: graph.title,
    kind: 'role',
    version: 1,
    publishedAt: new Date().toISOString(),
    tags: [],
    stages: graph.stages,
    skills: graph.skills.map(({ skillId, name, signals }) => (signals ? { skillId, name, signals: levels(signals), signalDetails: signals } : { skillId, name })),
    prerequisites: graph.prerequisites,
  };
}

/** Skills in an order progress accepts: each after its prerequisites, stage order otherwise. */
function learningOrder(data) {
  const placed = data.stages.flatMap((stage) => stage.skills.map((skill) => skill.skillId));
  const requires = new Map(placed.map((id) => [id, data.prerequisites.filter((edge) => edge.skillId === id && placed.includes(edge.requiresSkillId)).map((edge) => edge.requiresSkillId)]));
  const order = [];
  while (order.length < placed.length) {
    const next = placed.find((id) => !order.includes(id) && requires.get(id).every((required) => order.includes(required)));
    if (!next) throw new Error('the roadmap has a prerequisite cycle');
    order.push(next);
  }
  return order;
}

async function publishRoadmap(data) {
  const producer = createKafka({ clientId: `bench-recommendation-${randomUUID()}`, brokers }).producer();
  await producer.connect();
  const envelope = { id: randomUUID(), type: RoadmapPublished.type, source: RoadmapPublished.source, subject: data.roadmapId, time: new Date().toISOString(), data: validateData(RoadmapPublished, data), aggregateVersion: 1, correlationId: randomUUID() };
  await producer.send({ topic: RoadmapPublished.topic, acks: -1, messages: [toKafkaRecord(envelope)] });
  await producer.disconnect();
}

const recommender = await benchRecommender();

const issuer = await createTestIssuer('pathwise:bench');
const jwks = await serveJwks(issuer);
await runMigrations({ url: process.env.PROGRESS_DATABASE_URL, service: 'progress', migrations: PROGRESS_MIGRATIONS });
await runMigrations({ url: process.env.RECOMMENDATION_DATABASE_URL, service: 'recommendation', migrations: RECOMMENDATION_MIGRATIONS });
const [progressPort, recommendationPort] = [await freePort(), await freePort()];
const auth = { AUTH_ISSUER: issuer.issuer, AUTH_JWKS_URL: jwks.url, LOG_LEVEL: 'warn' };
const progress = startChild('apps/progress/src/main.js', serviceEnv({ ...auth, PROGRESS_HTTP_PORT: String(progressPort) }));
const recommendation = startChild('apps/recommendation/src/main.js', serviceEnv({ ...auth, RECOMMENDATION_HTTP_PORT: String(recommendationPort) }));
const progressUrl = `http://127.0.0.1:${progressPort}`;
const recommendationUrl = `http://127.0.0.1:${recommendationPort}`;
let peakRssMb = 0;
const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(recommendation.child.pid) ?? 0)), 500);
const [statusChanges, updates] = await Promise.all([tailTopic({ brokers, topic: SkillStatusChanged.topic }), tailTopic({ brokers, topic: RecommendationsUpdated.topic })]);

try {
  await Promise.all([waitForOk(`${progressUrl}/health/ready`), waitForOk(`${recommendationUrl}/health/ready`)]);
  const roadmap = publication(`roadmap:bench-${randomUUID()}`);
  const order = learningOrder(roadmap);
  await publishRoadmap(roadmap);

  const learners = [];
  for (let i = 0; i < LEARNERS; i += 1) {
    const subject = randomUUID();
    const learner = { subject, progressToken: await issuer.token({ subject, audience: 'pathwise:progress' }), recommendationToken: await issuer.token({ subject, audience: 'pathwise:recommendation' }) };
    for (let enrolled = false; !enrolled; await sleep(200)) {
      const response = await fetch(`${progressUrl}/enrollments`, { method: 'POST', headers: { authorization: `Bearer ${learner.progressToken}`, 'content-type': 'application/json' }, body: JSON.stringify({ roadmapId: roadmap.roadmapId }) });
      enrolled = response.status === 201;
      if (!enrolled && response.status !== 404) throw new Error(`enroll answered ${response.status}: ${await response.text()}`);
    }
    learners.push(learner);
  }
  // Every learner's first list stored (the recommendation service has seen the roadmap and the enrollment).
  for (const learner of learners) {
    for (let ready = false; !ready; await sleep(100)) {
      const response = await fetch(`${recommendationUrl}/recommendations`, { headers: { authorization: `Bearer ${learner.recommendationToken}` } });
      ready = response.status === 200 && (await response.json()).items.length === 1;
    }
  }

  const failures = new Map();
  let commands = 0;
  async function command(learner, skillId, status) {
    const response = await fetch(`${progressUrl}/enrollments/${encodeURIComponent(roadmap.roadmapId)}/skills/${encodeURIComponent(skillId)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${learner.progressToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status }),
    });
    await response.arrayBuffer();
    commands += 1;
    if (response.status !== 200) failures.set(response.status, (failures.get(response.status) ?? 0) + 1);
  }

  const loadAverageAtStart = os.loadavg().map((value) => Math.round(value * 100) / 100);
  const firstUpdate = updates.events.length;
  const started = performance.now();
  await Promise.all(
    learners.map(async (learner, index) => {
      // Each learner completes skills in learning order every 1/RATE s (every completion moves
      // its list), then resets them to pending from the start.
      const total = RATE * SECONDS;
      const offset = (index / LEARNERS) * (1000 / RATE);
      for (let i = 0; i < total; i += 1) {
        const due = started + offset + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const completing = i < order.length;
        await command(learner, order[completing ? i : (i - order.length) % order.length], completing ? 'completed' : 'pending');
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // Drain: wait until no new RecommendationsUpdated arrives for 2 s.
  for (let last = -1; last !== updates.events.length; await sleep(2_000)) last = updates.events.length;

  const causes = new Map(statusChanges.events.map((event) => [event.id, Date.parse(event.time)]));
  const lags = updates.events
    .slice(firstUpdate)
    .filter((event) => causes.has(event.causationId))
    .map((event) => Date.parse(event.time) - causes.get(event.causationId));
  const lagMs = summarize(lags);
  const result = {
    benchmark: 'recommendation',
    at: new Date().toISOString(),
    machine: { ...machine(), loadAverageAtStart },
    load: { learners: LEARNERS, commandsPerLearnerPerSecond: RATE, offeredPerSecond: LEARNERS * RATE, seconds: Math.round(seconds * 10) / 10, achievedPerSecond: Math.round(commands / seconds), commands },
    targets: { lagP99Ms: TARGET_LAG_P99_MS, recommenderMs: TARGET_RECOMMENDER_MS, rssMb: TARGET_RSS_MB },
    lagMs,
    measuredUpdates: lags.length,
    failures: Object.fromEntries(failures),
    recommender,
    peakRssMb,
    met: { lag: lags.length > 0 && lagMs.p99 <= TARGET_LAG_P99_MS && failures.size === 0, recommender: recommender.p99Micros / 1000 <= TARGET_RECOMMENDER_MS, memory: peakRssMb <= TARGET_RSS_MB },
  };
  console.log(JSON.stringify(result, null, 2));
  const verdict = (ok) => (ok ? 'met' : '**missed**');
  const file = publish(
    'recommendation',
    result,
    `## Recommendation: choreography lag and the recommender (\`npm run bench:recommendation\`)

Run ${result.at} on ${result.machine.cpus} cores (${result.machine.cpuModel}, load average ${loadAverageAtStart.join(' / ')} when the load started), Node ${result.machine.node}; progress and recommendation each as its own process, PostgreSQL and Kafka on the same machine.
Load: ${LEARNERS} learners on the 32-skill Backend Engineer roadmap, each changing a skill status ${RATE}×/s at progress (${result.load.offeredPerSecond} commands/s offered, ${result.load.achievedPerSecond}/s achieved, ${commands} commands; completions in learning order, then resets).

| Measure | Result | Target |
|---|---|---|
| Lag: SkillStatusChanged at progress → list recomputed and stored, RecommendationsUpdated appended (event times) | p50 ${lagMs.p50} ms · p95 ${lagMs.p95} ms · p99 ${lagMs.p99} ms · max ${lagMs.max} ms over ${lags.length} updates; command failures: ${failures.size === 0 ? 'none' : JSON.stringify(result.failures)} | p99 ≤ ${TARGET_LAG_P99_MS} ms — ${verdict(result.met.lag)} |
| The recommender alone (recommendNext, 32 skills, ${recommender.calls} calls over 64 learner states) | mean ${recommender.meanMicros} µs · p50 ${recommender.p50Micros} µs · p99 ${recommender.p99Micros} µs | ≤ ${TARGET_RECOMMENDER_MS} ms per call — ${verdict(result.met.recommender)} |
| Peak RSS of the recommendation service | ${peakRssMb} MB | ≤ ${TARGET_RSS_MB} MB — ${verdict(result.met.memory)} |`,
  );
  console.log(`wrote ${path.relative(root, file)} and docs/benchmarks.md`);
} finally {
  clearInterval(sampler);
  await Promise.all([statusChanges.close(), updates.close()]);
  await Promise.all([progress.kill('SIGTERM'), recommendation.kill('SIGTERM')]);
  await jwks.close();
}
