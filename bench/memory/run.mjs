// bench:memory — each service under its benchmark twice in one run: unconstrained, then inside the
// memory limit its container gets (256 MiB, k8s/base) with the heap the image derives from that
// limit (--max-old-space-size-percentage=50). Reports, per service, the peak RSS against the limit
// and the benchmark's own measure (throughput, or latency for fixed-schedule benchmarks) against
// the unconstrained run. Targets: peak RSS ≤ 256 MiB, ≤ 10 % throughput loss (or latency gain).
// The unconstrained runs are the benchmarks' ordinary runs and update their own sections too.
// Usage: npm run bench:memory [-- --limit 256 --quick]   (--quick: short runs that check the script)
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { machine, MEMORY_TARGET_MIB, publish, ratio, root, verdict } from '../lib.mjs';

const { values: args } = parseArgs({ options: { limit: { type: 'string', default: String(MEMORY_TARGET_MIB) }, quick: { type: 'boolean', default: false } } });
const LIMIT_MIB = Number(args.limit);
const MAX_LOSS = 0.1;

// What each benchmark says about each service it loads: peak RSS, and its measure with the
// direction that is better (closed-loop throughput: higher; fixed-schedule latency: lower).
const BENCHES = [
  {
    bench: 'catalog-read',
    quick: ['--seconds', '3'],
    services: (r) => ({ catalog: { rss: r.project.peakRssMb, value: r.project.requestsPerSecond, measure: 'GET /roadmaps/backend, req/s', higherIsBetter: true } }),
  },
  {
    bench: 'gateway',
    quick: ['--seconds', '3'],
    services: (r) => ({
      gateway: { rss: r.rssMib.gateway, value: r.rows.authenticatedRead.requestsPerSecond, measure: 'authenticated read through the gateway, req/s', higherIsBetter: true },
      progress: { rss: r.rssMib.progress, value: r.rows.progressDirect.requestsPerSecond, measure: 'enrollment read direct, req/s', higherIsBetter: true },
    }),
  },
  {
    bench: 'progress',
    quick: ['--seconds', '5'],
    services: (r) => ({ 'progress (commands)': { rss: r.peakRssMb, value: r.commandMs.p99, measure: 'command p99 at a fixed 100/s, ms', higherIsBetter: false } }),
  },
  {
    bench: 'recommendation',
    quick: ['--seconds', '5'],
    services: (r) => ({ recommendation: { rss: r.peakRssMb, value: r.lagMs.p99, measure: 'recompute lag p99 at a fixed 100/s, ms', higherIsBetter: false } }),
  },
  {
    bench: 'saga',
    quick: ['--rounds', '1'],
    services: (r) => ({ 'saga-worker': { rss: r.sagaWorkerPeakRssMib, value: r.onboardingMs.p50, measure: 'onboarding p50, 20 concurrent, ms', higherIsBetter: false } }),
  },
];

const results = () => new Set(readdirSync(path.join(root, 'bench/results')));

/** Runs one benchmark and returns its result JSON, or the reason it has none. */
function run(bench, extraArgs, limitMib) {
  const before = results();
  const env = { ...process.env, ...(limitMib ? { BENCH_MEMORY_LIMIT_MIB: String(limitMib) } : {}) };
  delete env.NODE_OPTIONS;
  const label = `${bench}${limitMib ? ` in ${limitMib} MiB` : ', unconstrained'}`;
  console.log(`\n── ${label} ──`);
  const started = Date.now();
  const status = spawnSync(process.execPath, [path.join(root, 'bench', bench, 'run.mjs'), ...extraArgs], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] }).status;
  console.log(`── ${label}: exit ${status} after ${Math.round((Date.now() - started) / 1000)} s ──`);
  const prefix = limitMib ? `${bench}-in-${limitMib}mib-` : `${bench}-2`;
  const file = [...results()].find((name) => !before.has(name) && name.startsWith(prefix));
  if (status !== 0 || !file) return { failed: `exit ${status}${limitMib ? ' (a service past its limit is killed by the kernel; see bench/results/.*.log)' : ''}` };
  return { result: JSON.parse(readFileSync(path.join(root, 'bench/results', file), 'utf8')), file: `bench/results/${file}` };
}

/** Removes the (now empty) cgroups the limited services created for themselves. */
function sweepCgroups() {
  for (const mount of ['/sys/fs/cgroup', '/sys/fs/cgroup/unified', '/sys/fs/cgroup/memory']) {
    let names = [];
    try {
      names = readdirSync(mount).filter((name) => name.startsWith('pathwise-bench-'));
    } catch {
      continue;
    }
    for (const name of names) {
      try {
        rmdirSync(path.join(mount, name));
      } catch {
        // still has a live process: left for the next sweep
      }
    }
  }
}

const rows = [];
const files = [];
for (const { bench, quick, services } of BENCHES) {
  const extraArgs = args.quick ? quick : [];
  const free = run(bench, extraArgs);
  const limited = run(bench, extraArgs, LIMIT_MIB);
  sweepCgroups();
  files.push(free.file, limited.file);
  const freeServices = free.result ? services(free.result) : {};
  const limitedServices = limited.result ? services(limited.result) : {};
  for (const service of Object.keys({ ...freeServices, ...limitedServices })) {
    const [a, b] = [freeServices[service], limitedServices[service]];
    const change = a && b ? ratio(b.value, a.value) : undefined;
    const loss = change === undefined ? undefined : a.higherIsBetter ? 1 - change : change - 1;
    rows.push({
      service,
      bench,
      measure: (a ?? b).measure,
      unconstrained: a ? a.value : free.failed,
      limited: b ? b.value : limited.failed,
      change,
      loss: loss === undefined ? undefined : Math.round(loss * 1000) / 1000,
      rssUnconstrainedMib: a?.rss,
      rssLimitedMib: b?.rss,
      met: { rss: b !== undefined && b.rss <= LIMIT_MIB, loss: loss !== undefined && loss <= MAX_LOSS },
    });
  }
}

const host = machine();
const result = { machine: host, limitMib: LIMIT_MIB, heap: '--max-old-space-size-percentage=50 of the limit', maxLoss: MAX_LOSS, quick: args.quick, rows, runs: files.filter(Boolean) };
const percent = (loss) => (loss === undefined ? '—' : `${loss > 0 ? '' : '+'}${Math.round(-loss * 1000) / 10} %`);
const markdown = `## Memory: every service inside its limit (\`npm run bench:memory\`)

Run ${new Date().toISOString()} on ${host.cpus} cores (${host.cpuModel}), Node ${host.node}${args.quick ? ' — **quick run (short benchmarks), not a recorded result**' : ''}.
Each service benchmark ran twice in a row: unconstrained, then with every service process inside a
${LIMIT_MIB} MiB memory cgroup (the Kubernetes limit) and a ${Math.floor(LIMIT_MIB / 2)} MiB old space (what the image's
\`--max-old-space-size-percentage=50\` gives there). Change is the limited run against the
unconstrained one in the benchmark's own measure (+ is better); a loss over ${MAX_LOSS * 100} % misses.

| Service | Benchmark (measure) | Unconstrained | In ${LIMIT_MIB} MiB | Change | Peak RSS unconstrained | Peak RSS in ${LIMIT_MIB} MiB | RSS ≤ ${LIMIT_MIB} MiB | Loss ≤ ${MAX_LOSS * 100} % |
|---|---|---|---|---|---|---|---|---|
${rows
  .map((r) => `| ${r.service} | \`bench:${r.bench}\` (${r.measure}) | ${r.unconstrained} | ${r.limited} | ${percent(r.loss)} | ${r.rssUnconstrainedMib ?? '—'} MiB | ${r.rssLimitedMib ?? '—'} MiB | ${verdict(r.met.rss)} | ${verdict(r.met.loss)} |`)
  .join('\n')}`;
const file = publish('memory', result, markdown);
console.log(`\n${markdown}\n\nresult: ${path.relative(root, file)}`);
