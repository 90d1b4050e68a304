// Shared helpers for benchmarks: percentiles, process memory, child services, HTTP load, and
// writing results to bench/results/ and to a marked section of docs/benchmarks.md.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { root } from '../tools/built.mjs';

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

/** Writes bench/results/<name>-<timestamp>.json and replaces the `<name>` section of docs/benchmarks.md. */
export function publish(name, result, markdown) {
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(root, 'bench/results', `${name}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

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

/** Starts the bare NestJS (Fastify adapter) reference on `port`. */
export function startBareNest(port) {
  return startNode('bench/bare-nest.mjs', { PORT: String(port) });
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
