// bench/saga: in one run, on the real Temporal server with progress, recommendation and the
// saga-worker as their own processes (built dist/):
//   1. the reference: the empty `baselineWorkflow`, N started at once, start → result;
//   2. the onboarding saga for N learners at once, no resume (so no confirmation wait): profile →
//      enroll → first recommendations (which waits until recommendation has seen the enrollment
//      through progress's events) → complete, start → result.
// Targets: onboarding p50 ≤ 500 ms with N = 20 and zero failures; the ratio to the baseline is context.
// Usage: npm run bench:saga [-- --concurrent 20 --rounds 3]
import { Connection, Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt } from '../../tools/built.mjs';
import { freePort, machine, MEMORY_TARGET_MIB, publish, publishTestRoadmap, root, serviceEnv, summarize, trackPeakRss, verdict, waitForOk } from '../lib.mjs';

const { values: args } = parseArgs({ options: { concurrent: { type: 'string', default: '20' }, rounds: { type: 'string', default: '3' } } });
const CONCURRENT = Number(args.concurrent);
const ROUNDS = Number(args.rounds);
const TARGET_P50_MS = 500;

process.loadEnvFile(path.join(root, '.env'));
const { createTestIssuer, serveJwks } = requireBuilt('libs/platform/auth/src/testing');
const { runMigrations } = requireBuilt('libs/platform/persistence/src/index');
const { PROGRESS_MIGRATIONS } = requireBuilt('libs/progress/feature/src/index');
const { RECOMMENDATION_MIGRATIONS } = requireBuilt('libs/recommendation/feature/src/index');
const { ONBOARDING_WORKFLOW, onboardingWorkflowId } = requireBuilt('libs/contracts/src/index');
const { startChild } = requireBuilt('libs/platform/testing/src/lib/processes');
const { DataSource } = await import('typeorm');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const url = (port) => `http://127.0.0.1:${port}`;

const [progressPort, recommendationPort, sagaWorkerPort] = [await freePort(), await freePort(), await freePort()];
const taskQueue = `bench-saga-${randomUUID().slice(0, 8)}`;
// Learners never call these services here; their tokens' issuer only has to exist.
const learners = await createTestIssuer('pathwise:bench');
const jwks = await serveJwks(learners);
const serviceKeys = { AUTH_ISSUER: learners.issuer, AUTH_JWKS_URL: jwks.url, AUTH_SERVICE_JWKS_URL: `${url(sagaWorkerPort)}/.well-known/jwks.json`, LOG_LEVEL: 'warn' };

await runMigrations({ url: process.env.PROGRESS_DATABASE_URL, service: 'progress', migrations: PROGRESS_MIGRATIONS });
await runMigrations({ url: process.env.RECOMMENDATION_DATABASE_URL, service: 'recommendation', migrations: RECOMMENDATION_MIGRATIONS });
const processes = [
  startChild('apps/progress/src/main.js', serviceEnv({ ...serviceKeys, PROGRESS_HTTP_PORT: String(progressPort) })),
  startChild('apps/recommendation/src/main.js', serviceEnv({ ...serviceKeys, RECOMMENDATION_HTTP_PORT: String(recommendationPort) })),
  startChild('apps/saga-worker/src/main.js', serviceEnv({
    LOG_LEVEL: 'warn',
    SAGA_WORKER_HTTP_PORT: String(sagaWorkerPort),
    SAGA_TASK_QUEUE: taskQueue,
    SAGA_PROGRESS_URL: url(progressPort),
    SAGA_RECOMMENDATION_URL: url(recommendationPort),
  })),
];
const [, , sagaWorker] = processes;
const peakRss = trackPeakRss({ sagaWorker: sagaWorker.child.pid });
const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
const client = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
const progressDb = await new DataSource({ type: 'postgres', url: process.env.PROGRESS_DATABASE_URL, extra: { max: 1 } }).initialize();
const recommendationDb = await new DataSource({ type: 'postgres', url: process.env.RECOMMENDATION_DATABASE_URL, extra: { max: 1 } }).initialize();

/** Runs `count` workflows at once and answers each one's start → result time, and the failures. */
async function burst(count, start) {
  const outcomes = await Promise.all(
    Array.from({ length: count }, async () => {
      const started = performance.now();
      try {
        const result = await start();
        return { ms: performance.now() - started, failed: result?.outcome !== undefined && result.outcome !== 'completed' ? result.outcome : undefined };
      } catch (error) {
        return { ms: performance.now() - started, failed: error.message };
      }
    }),
  );
  return outcomes;
}

const baseline = () => client.workflow.execute('baselineWorkflow', { taskQueue, workflowId: `bench-baseline-${randomUUID()}`, args: [{ echo: 'x' }] });

try {
  await Promise.all([progressPort, recommendationPort].map((port) => waitForOk(`${url(port)}/health/ready`)));
  // The saga-worker bundles the workflow code before it polls.
  await waitForOk(`${url(sagaWorkerPort)}/health/ready`, 180_000);
  const roadmapId = `roadmap:bench-saga-${randomUUID().slice(0, 8)}`;
  await publishTestRoadmap(roadmapId);
  for (let deadline = Date.now() + 60_000; ; await sleep(200)) {
    const [inProgress] = await progressDb.query('SELECT 1 FROM catalog_roadmaps WHERE roadmap_id = $1', [roadmapId]);
    const [inRecommendation] = await recommendationDb.query('SELECT 1 FROM roadmaps WHERE roadmap_id = $1', [roadmapId]);
    if (inProgress && inRecommendation) break;
    if (Date.now() > deadline) throw new Error(`the bench roadmap did not reach progress and recommendation within 60 s`);
  }
  const onboarding = () => {
    const learnerId = randomUUID();
    return client.workflow.execute(ONBOARDING_WORKFLOW, { taskQueue, workflowId: onboardingWorkflowId(learnerId), args: [{ learnerId, roadmapId, timeZone: 'UTC' }] });
  };

  // Warm-up, not measured: JIT, pools, workflow caches.
  await burst(2, baseline);
  await burst(2, onboarding);

  const loadAverageAtStart = os.loadavg().map((value) => Math.round(value * 100) / 100);
  const baselineRuns = [];
  const onboardingRuns = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    baselineRuns.push(...(await burst(CONCURRENT, baseline)));
    onboardingRuns.push(...(await burst(CONCURRENT, onboarding)));
  }
  const baselineMs = summarize(baselineRuns.map((run) => run.ms));
  const onboardingMs = summarize(onboardingRuns.map((run) => run.ms));
  const failures = onboardingRuns.filter((run) => run.failed).map((run) => run.failed);
  const peaks = peakRss.stop();
  const result = {
    benchmark: 'saga',
    at: new Date().toISOString(),
    machine: { ...machine(), loadAverageAtStart },
    load: { concurrent: CONCURRENT, rounds: ROUNDS, onboardings: onboardingRuns.length },
    targets: { onboardingP50Ms: TARGET_P50_MS, failures: 0 },
    baselineMs,
    onboardingMs,
    ratioP50: Math.round((onboardingMs.p50 / baselineMs.p50) * 10) / 10,
    failures: failures.slice(0, 10),
    failureCount: failures.length,
    sagaWorkerPeakRssMib: peaks.sagaWorker,
    met: { p50: onboardingMs.p50 <= TARGET_P50_MS, failures: failures.length === 0, memory: peaks.sagaWorker <= MEMORY_TARGET_MIB },
  };
  console.log(JSON.stringify(result, null, 2));
  const file = publish(
    'saga',
    result,
    `## Onboarding saga on Temporal (\`npm run bench:saga\`)

Run ${result.at} on ${result.machine.cpus} cores (${result.machine.cpuModel}, load average ${loadAverageAtStart.join(' / ')} when the load started), Node ${result.machine.node}; the Temporal dev server, progress, recommendation and the saga-worker as their own processes, PostgreSQL and Kafka on the same machine.
Load: ${CONCURRENT} workflows started at once, ${ROUNDS} rounds of each kind. Onboarding without a resume: profile, enroll, first recommendations (it waits until recommendation has seen the enrollment through progress's events), complete.

| Measure | Result | Target |
|---|---|---|
| Baseline: the empty workflow, start → result | p50 ${baselineMs.p50} ms · p99 ${baselineMs.p99} ms | reference |
| Onboarding, start → result | p50 ${onboardingMs.p50} ms · p99 ${onboardingMs.p99} ms (${result.ratioP50}× the baseline's p50) | p50 ≤ ${TARGET_P50_MS} ms — ${verdict(result.met.p50)} |
| Failed onboardings | ${failures.length} of ${onboardingRuns.length} | 0 — ${verdict(result.met.failures)} |
| Peak RSS of the saga-worker | ${result.sagaWorkerPeakRssMib} MiB | ≤ ${MEMORY_TARGET_MIB} MiB — ${verdict(result.met.memory)} |`,
  );
  console.log(`wrote ${path.relative(root, file)} and docs/benchmarks.md`);
} finally {
  peakRss.stop();
  await connection.close();
  await Promise.all(processes.map((child) => child.kill('SIGTERM')));
  await Promise.all([progressDb.destroy(), recommendationDb.destroy()]);
  await jwks.close();
}
