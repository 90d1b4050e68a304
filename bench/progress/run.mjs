// bench/progress: in one run, against the progress service running as its own process (built
// dist/apps/progress/src/main.js, real PostgreSQL and Kafka):
//   1. command latency (HTTP PUT of a skill status, token verified, events appended with the
//      outbox rows) seen by N concurrent learners, each issuing commands on a fixed schedule;
//   2. projection lag of the same events: append → read-model commit, from the service's own
//      `progress_projection_lag_seconds` histogram, scraped before and after the load;
//   3. the service's peak RSS.
// Targets: command p99 ≤ 20 ms, projection lag p99 ≤ 200 ms, peak RSS ≤ 256 MiB.
// Usage: npm run bench:progress [-- --learners 50 --seconds 20 --rate 2]
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt } from '../../tools/built.mjs';
import { freePort, machine, MEMORY_TARGET_MIB, publish, publishTestRoadmap, root, rssMb, serviceEnv, summarize, verdict, waitForOk } from '../lib.mjs';

const { values: args } = parseArgs({ options: { learners: { type: 'string', default: '50' }, seconds: { type: 'string', default: '20' }, rate: { type: 'string', default: '2' } } });
const LEARNERS = Number(args.learners);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate); // commands per second per learner
const TARGET_COMMAND_P99_MS = 20;
const TARGET_LAG_P99_MS = 200;

process.loadEnvFile(path.join(root, '.env'));
const { createTestIssuer, serveJwks } = requireBuilt('libs/platform/auth/src/testing');
const { runMigrations } = requireBuilt('libs/platform/persistence/src/index');
const { PROGRESS_MIGRATIONS } = requireBuilt('libs/progress/feature/src/index');
const { startChild } = requireBuilt('libs/platform/testing/src/lib/processes');
const { DataSource } = await import('typeorm');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const { BACKEND_STAGES } = requireBuilt('libs/progress/feature/src/testing');
const SKILLS = BACKEND_STAGES.flatMap(([, skills]) => skills.map((skill) => `skill:${skill}`));

/** Cumulative histogram buckets of one metric from a Prometheus text scrape. */
function buckets(text, name) {
  const result = new Map();
  for (const match of text.matchAll(new RegExp(`^${name}_bucket\\{[^}]*le="([^"]+)"[^}]*\\} (\\d+)`, 'gm'))) result.set(match[1], Number(match[2]));
  return result;
}

/** p-th percentile upper bound (ms) from the increase of cumulative buckets between two scrapes. */
function histogramPercentile(before, after, p) {
  const bounds = [...after.keys()].filter((le) => le !== '+Inf').sort((a, b) => Number(a) - Number(b));
  const total = (after.get('+Inf') ?? 0) - (before.get('+Inf') ?? 0);
  for (const le of bounds) {
    if ((after.get(le) ?? 0) - (before.get(le) ?? 0) >= (p / 100) * total) return { ms: Number(le) * 1000, events: total };
  }
  return { ms: Infinity, events: total };
}

const issuer = await createTestIssuer('pathwise:bench');
const jwks = await serveJwks(issuer);

await runMigrations({ url: process.env.PROGRESS_DATABASE_URL, service: 'progress', migrations: PROGRESS_MIGRATIONS });
const port = await freePort();
const service = startChild('apps/progress/src/main.js', serviceEnv({
  PROGRESS_HTTP_PORT: String(port),
  AUTH_ISSUER: issuer.issuer,
  AUTH_JWKS_URL: jwks.url,
  LOG_LEVEL: 'warn',
}));
const baseUrl = `http://127.0.0.1:${port}`;
const db = new DataSource({ type: 'postgres', url: process.env.PROGRESS_DATABASE_URL, extra: { max: 2 } });
await db.initialize();
let peakRssMb = 0;
const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(service.child.pid) ?? 0)), 500);

try {
  await waitForOk(`${baseUrl}/health/ready`);
  const roadmapId = `roadmap:bench-${randomUUID()}`;
  await publishTestRoadmap(roadmapId);
  for (let seen = false; !seen; await sleep(200)) seen = (await db.query('SELECT 1 FROM catalog_roadmaps WHERE roadmap_id = $1', [roadmapId])).length === 1;

  const learners = await Promise.all(
    Array.from({ length: LEARNERS }, async () => {
      const token = await issuer.token({ audience: 'pathwise:progress' });
      const response = await fetch(`${baseUrl}/enrollments`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ roadmapId }) });
      if (response.status !== 201) throw new Error(`enroll answered ${response.status}: ${await response.text()}`);
      return { token, version: (await response.json()).version };
    }),
  );
  // Warm-up, not measured: JIT, pools, prepared plans.
  await Promise.all(learners.map((learner) => command(learner, SKILLS[0], 'in-progress')));

  const latencies = [];
  const failures = new Map();
  async function command(learner, skillId, status) {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/enrollments/${encodeURIComponent(roadmapId)}/skills/${encodeURIComponent(skillId)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${learner.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status, expectedVersion: learner.version }),
    });
    const body = await response.json();
    const elapsed = performance.now() - started;
    if (response.status !== 200) {
      failures.set(response.status, (failures.get(response.status) ?? 0) + 1);
      return elapsed;
    }
    learner.version = body.version;
    return elapsed;
  }

  // Other work on the machine skews every number here; recorded so a reader can tell.
  const loadAverageAtStart = os.loadavg().map((value) => Math.round(value * 100) / 100);
  const lagBefore = buckets(await (await fetch(`${baseUrl}/metrics`)).text(), 'progress_projection_lag_seconds');
  const started = performance.now();
  const cycle = ['in-progress', 'completed', 'pending'];
  await Promise.all(
    learners.map(async (learner, index) => {
      // Each learner acts every 1/RATE s on a fixed schedule (offset so learners interleave).
      const total = RATE * SECONDS;
      const offset = (index / LEARNERS) * (1000 / RATE);
      for (let i = 0; i < total; i += 1) {
        const due = started + offset + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        const step = i % (SKILLS.length * cycle.length);
        latencies.push(await command(learner, SKILLS[Math.floor(step / cycle.length)], cycle[step % cycle.length]));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  // Let the projector drain, then read how long each event took to reach the read model.
  for (let drained = false; !drained; await sleep(200)) {
    drained = /progress_projection_backlog_age_seconds\{[^}]*\} 0\n/.test(await (await fetch(`${baseUrl}/metrics`)).text());
  }
  const lagAfter = buckets(await (await fetch(`${baseUrl}/metrics`)).text(), 'progress_projection_lag_seconds');
  const lag = { p50Ms: histogramPercentile(lagBefore, lagAfter, 50).ms, p99Ms: histogramPercentile(lagBefore, lagAfter, 99).ms, events: histogramPercentile(lagBefore, lagAfter, 99).events };

  const commandMs = summarize(latencies);
  const result = {
    benchmark: 'progress',
    at: new Date().toISOString(),
    machine: { ...machine(), loadAverageAtStart },
    load: { learners: LEARNERS, commandsPerLearnerPerSecond: RATE, offeredPerSecond: LEARNERS * RATE, seconds: Math.round(seconds * 10) / 10, achievedPerSecond: Math.round(latencies.length / seconds) },
    targets: { commandP99Ms: TARGET_COMMAND_P99_MS, projectionLagP99Ms: TARGET_LAG_P99_MS, rssMib: MEMORY_TARGET_MIB },
    commandMs,
    failures: Object.fromEntries(failures),
    projectionLag: lag,
    peakRssMb,
    met: { command: commandMs.p99 <= TARGET_COMMAND_P99_MS && failures.size === 0, projectionLag: lag.p99Ms <= TARGET_LAG_P99_MS, memory: peakRssMb <= MEMORY_TARGET_MIB },
  };
  console.log(JSON.stringify(result, null, 2));
  const file = publish(
    'progress',
    result,
    `## Progress commands and projection lag (\`npm run bench:progress\`)

Run ${result.at} on ${result.machine.cpus} cores (${result.machine.cpuModel}, load average ${loadAverageAtStart.join(' / ')} when the load started), Node ${result.machine.node}; the progress service as its own process (HTTP, token verification, event store, outbox relay, projector), PostgreSQL and Kafka on the same machine.
Load: ${LEARNERS} learners, each changing a skill status ${RATE}×/s on a fixed schedule with its last \`expectedVersion\` (${result.load.offeredPerSecond} commands/s offered, ${result.load.achievedPerSecond}/s achieved, ${latencies.length} commands).

| Measure | Result | Target |
|---|---|---|
| Command latency (HTTP PUT → 200, client side) | p50 ${commandMs.p50} ms · p95 ${commandMs.p95} ms · p99 ${commandMs.p99} ms · max ${commandMs.max} ms; failures: ${failures.size === 0 ? 'none' : JSON.stringify(result.failures)} | p99 ≤ ${TARGET_COMMAND_P99_MS} ms — ${verdict(result.met.command)} |
| Projection lag (append → read model committed), same events | p50 ≤ ${lag.p50Ms} ms · p99 ≤ ${lag.p99Ms} ms (histogram bucket bounds, ${lag.events} events) | p99 ≤ ${TARGET_LAG_P99_MS} ms — ${verdict(result.met.projectionLag)} |
| Peak RSS of the service | ${peakRssMb} MiB | ≤ ${MEMORY_TARGET_MIB} MiB (aim 200 MB) — ${verdict(result.met.memory)} |`,
  );
  console.log(`wrote ${path.relative(root, file)} and docs/benchmarks.md`);
} finally {
  clearInterval(sampler);
  await service.kill('SIGTERM');
  await db.destroy();
  await jwks.close();
}
