// Shared helpers for benchmarks: percentiles, process memory, child services, same-bytes
// references, HTTP load, and writing results to bench/results/ and to a marked section of docs/benchmarks.md.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { requireBuilt, root } from '../tools/built.mjs';

export { root };

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (v) => Math.round(v * 10) / 10;
  return { count: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) };
}

/** The memory target for every service process; RSS is read in MiB (VmRSS is in KiB). */
export const MEMORY_TARGET_MIB = 256;

/**
 * The memory limit a run holds its service processes to (`BENCH_MEMORY_LIMIT_MIB`, set by
 * `npm run bench:memory`), or undefined for an unconstrained run.
 */
export const MEMORY_LIMIT_MIB = process.env.BENCH_MEMORY_LIMIT_MIB ? Number(process.env.BENCH_MEMORY_LIMIT_MIB) : undefined;

/**
 * `env` for a service process. In a memory-limited run the service runs as in its container: inside
 * a memory cgroup of the limit (bench/memory-limit.cjs) with the heap flags of the image's
 * NODE_OPTIONS: the old-space cap `--max-old-space-size-percentage=50` gives there (V8 reads the
 * cgroup limit at start, which a process moving itself into the group after start cannot rely on,
 * hence the explicit size) and the same semi-space.
 */
/**
 * The image's `--max-semi-space-size`. V8 sizes the young generation from the old-space cap, and at
 * 128 MiB it picks semi-spaces so small that the catalog's read ran an order of magnitude slower
 * (scavenging all the time); 16 MiB brings it back to the unconstrained rate (docs/benchmarks.md).
 */
const SEMI_SPACE_MIB = 16;

export function serviceEnv(env = {}) {
  if (!MEMORY_LIMIT_MIB) return env;
  const heap = `--max-old-space-size=${Math.floor(MEMORY_LIMIT_MIB / 2)} --max-semi-space-size=${SEMI_SPACE_MIB}`;
  return { ...env, BENCH_MEMORY_LIMIT_MIB: String(MEMORY_LIMIT_MIB), NODE_OPTIONS: `${heap} --require ${path.join(root, 'bench/memory-limit.cjs')}` };
}

/** `part / whole` to three decimals. */
export function ratio(part, whole) {
  return Math.round((part / whole) * 1000) / 1000;
}

/** How a table cell says whether a target was met. */
export function verdict(ok) {
  return ok ? 'met' : '**missed**';
}

/** Resident set size of `pid` in MiB, or undefined once the process is gone. */
export function rssMb(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
    return Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return undefined;
  }
}

export function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

/**
 * Writes bench/results/<name>-<timestamp>.json and replaces the `<name>` section of docs/benchmarks.md.
 * A memory-limited run writes <name>-in-<limit>mib-<timestamp>.json only: bench:memory reports it.
 */
export function publish(name, result, markdown) {
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(root, 'bench/results', `${MEMORY_LIMIT_MIB ? `${name}-in-${MEMORY_LIMIT_MIB}mib` : name}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify({ ...result, ...(MEMORY_LIMIT_MIB ? { memoryLimitMib: MEMORY_LIMIT_MIB } : {}) }, null, 2)}\n`);
  if (MEMORY_LIMIT_MIB) return file;

  const docPath = path.join(root, 'docs/benchmarks.md');
  const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Benchmarks\n';
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = `${begin}\n${markdown.trim()}\n\nRaw result: \`${path.relative(root, file)}\`\n${end}`;
  const next = doc.includes(begin) ? doc.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(docPath, next);
  return file;
}

/** A free loopback port. */
export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a Node script (path from the repo root) as a child with extra env; output goes to `logFile` or nowhere. */
export function startNode(script, env = {}, logFile) {
  const out = logFile ? openSync(logFile, 'w') : 'ignore';
  return spawn(process.execPath, [path.join(root, script)], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', out, out] });
}

/** Starts the bare Fastify reference on `port`. */
export function startBareFastify(port) {
  return startNode('bench/bare-fastify.mjs', { PORT: String(port) });
}

/**
 * Starts a bare Fastify server answering every GET with exactly `status`, `headers` and `body`
 * (from `captureResponse`): the reference that does the same I/O as the response it copies.
 * The response goes to the child on stdin, so a large body needs no file or environment variable.
 */
export function startSameBytesFastify(port, { status, headers, body }) {
  const child = spawn(process.execPath, [path.join(root, 'bench/same-bytes-fastify.mjs')], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ['pipe', 'ignore', 'inherit'] });
  child.stdin.end(JSON.stringify({ status, headers, body: body.toString('base64') }));
  return child;
}

// Set by Node or Fastify on every answer (or describing the connection), so a copy must not repeat them.
const TRANSPORT_HEADERS = new Set(['connection', 'content-length', 'date', 'keep-alive', 'transfer-encoding']);

/**
 * One GET of `url` with the headers autocannon would send (plain node:http: no Accept-Encoding, so
 * the body is what the load sees), as `{ status, headers, body, headerBytes, bodyBytes }`;
 * `headers` leaves out what the copying server sets itself.
 */
export function captureResponse(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const kept = {};
        let headerBytes = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n\r\n`.length;
        for (let i = 0; i < res.rawHeaders.length; i += 2) {
          const [name, value] = [res.rawHeaders[i], res.rawHeaders[i + 1]];
          headerBytes += `${name}: ${value}\r\n`.length;
          if (!TRANSPORT_HEADERS.has(name.toLowerCase())) kept[name] = kept[name] === undefined ? value : [kept[name], value].flat();
        }
        resolve({ status: res.statusCode, headers: kept, body, headerBytes, bodyBytes: body.length });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Samples the RSS of named processes every 500 ms; `stop()` returns each one's peak in MiB. */
export function trackPeakRss(pids) {
  const peaks = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) peaks[name] = Math.max(peaks[name], rssMb(pid) ?? 0);
  };
  const timer = setInterval(sample, 500);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { ...peaks };
    },
  };
}

/** Starts the bare NestJS (Fastify adapter) reference on `port`. */
export function startBareNest(port) {
  return startNode('bench/bare-nest.mjs', { PORT: String(port) });
}

/**
 * Puts a `RoadmapPublished` for `roadmapId` (the progress test roadmap: backend stages and skills)
 * on its topic, as the catalog would, so progress can enroll learners in it.
 */
export async function publishTestRoadmap(roadmapId) {
  const { createKafka } = requireBuilt('libs/platform/messaging/src/index');
  const { RoadmapPublished, toKafkaRecord, validateData } = requireBuilt('libs/contracts/src/index');
  const { roadmapPublished } = requireBuilt('libs/progress/feature/src/testing');
  const data = roadmapPublished(roadmapId, 1, { slug: roadmapId.slice('roadmap:'.length) });
  const producer = createKafka({ clientId: `bench-${randomUUID()}`, brokers: process.env.KAFKA_BROKERS.split(',') }).producer();
  await producer.connect();
  try {
    const envelope = { id: randomUUID(), type: RoadmapPublished.type, source: RoadmapPublished.source, subject: roadmapId, time: new Date().toISOString(), data: validateData(RoadmapPublished, data), aggregateVersion: 1, correlationId: randomUUID() };
    await producer.send({ topic: RoadmapPublished.topic, acks: -1, messages: [toKafkaRecord(envelope)] });
  } finally {
    await producer.disconnect();
  }
}

/** Resolves once `url` answers 200. */
export async function waitForOk(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/**
 * Closed-loop HTTP load with autocannon (in this process, the same tool for every target): a
 * warm-up (JIT, pools, caches), then the measured run; samples `pid`'s RSS when given.
 */
export async function measureHttp({ url, connections, seconds, warmUpSeconds = 2, headers = {}, pid }) {
  await autocannon({ url, connections, duration: warmUpSeconds, headers });
  let peakRssMb = 0;
  const sampler = pid ? setInterval(() => (peakRssMb = Math.max(peakRssMb, rssMb(pid) ?? 0)), 500) : undefined;
  const result = await autocannon({ url, connections, duration: seconds, headers });
  clearInterval(sampler);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx + result.errors + result.timeouts,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    ...(pid ? { peakRssMb } : {}),
  };
}
