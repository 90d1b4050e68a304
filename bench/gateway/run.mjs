// bench/gateway: in one run, on this machine,
//   1. a bare Fastify hello-world (the reference),
//   2. a catalog roadmap read, called directly (cached by the catalog in Redis),
//   3. the same read through the gateway: authenticated (EdDSA verify), rate-limited (Redis),
//      service token minted, breaker and timeout around the call.
// Target: gateway ≥ 25% of the hello-world's requests/s, p99 ≤ 25 ms at 50 connections.
// Usage: npm run bench:gateway [-- --seconds 10 --connections 50]
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt } from '../../tools/built.mjs';
import { machine, publish, root, rssMb } from '../lib.mjs';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const TARGET_RATIO = 0.25;
const TARGET_P99_MS = 25;

process.loadEnvFile(path.join(root, '.env'));
requireBuilt('apps/gateway/src/config'); // compiles the workspace once

const children = [];
const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

function runStep(script, env) {
  const result = spawnSync(process.execPath, [path.join(root, 'dist', script)], { env: { ...process.env, ...env }, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${script} failed`);
}

function start(name, script, env, readyLine) {
  const child = spawn(process.execPath, [script], { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  child.on('exit', (code) => code && console.error(`${name} exited ${code}:\n${output.slice(-2000)}`));
  return { name, child, ready: readyLine ? waitFor(() => output.includes(readyLine)) : Promise.resolve() };
}

async function waitFor(check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('not ready in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const healthy = (url) => async () => {
  try {
    return (await fetch(`${url}/health/ready`)).ok;
  } catch {
    return false;
  }
};

async function load(name, url, headers = {}) {
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers }); // warm-up: JIT, pools, caches
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  console.log(`${name.padEnd(22)} ${Math.round(result.requests.average)} req/s  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  non-2xx/errors ${non2xx}`);
  return { requestsPerSecond: Math.round(result.requests.average), latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max }, non2xx };
}

try {
  const [helloPort, catalogPort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const catalogUrl = `http://127.0.0.1:${catalogPort}`;

  runStep('apps/catalog/src/migrate.js');
  runStep('apps/catalog/src/seed.js');
  runStep('apps/gateway/src/migrate.js');

  const hello = start('hello', path.join(root, 'bench/gateway/hello.mjs'), { PORT: String(helloPort) }, 'hello ready');
  const catalog = start('catalog', path.join(root, 'dist/apps/catalog/src/main.js'), { CATALOG_HTTP_PORT: String(catalogPort), AUTH_JWKS_URL: `${gatewayUrl}/.well-known/jwks.json` });
  const gateway = start('gateway', path.join(root, 'dist/apps/gateway/src/main.js'), {
    GATEWAY_HTTP_PORT: String(gatewayPort),
    GATEWAY_CATALOG_URL: catalogUrl,
    GATEWAY_REDIS_KEY_PREFIX: `bench:${randomUUID().slice(0, 8)}:`,
    // Quotas are enforced (every request is counted in Redis) but sized above what one client can send here.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '100000000',
    GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  });
  await hello.ready;
  await Promise.all([waitFor(healthy(catalogUrl)), waitFor(healthy(gatewayUrl))]);

  const email = `bench-${randomUUID()}@example.test`;
  const password = 'benchmark password 1234';
  const post = (url, body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if ((await post(`${gatewayUrl}/v1/auth/sign-up`, { email, password })).status !== 201) throw new Error('sign-up failed');
  const { accessToken } = await (await post(`${gatewayUrl}/v1/auth/login`, { email, password })).json();
  const { items } = await (await fetch(`${catalogUrl}/roadmaps?limit=1`)).json();
  const slug = items?.[0]?.slug;
  if (!slug) throw new Error('the catalog has no published roadmap; did the seed run?');
  const through = await fetch(`${gatewayUrl}/v1/roadmaps/${slug}`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (through.status !== 200 || !through.headers.get('ratelimit')) throw new Error(`gateway read failed: ${through.status}`);

  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, reading /roadmaps/${slug}\n`);
  const bare = await load('bare Fastify', `http://127.0.0.1:${helloPort}/`);
  const direct = await load('catalog direct', `${catalogUrl}/roadmaps/${slug}`);
  const viaGateway = await load('through the gateway', `${gatewayUrl}/v1/roadmaps/${slug}`, { authorization: `Bearer ${accessToken}` });

  const ratio = Math.round((viaGateway.requestsPerSecond / bare.requestsPerSecond) * 1000) / 1000;
  const result = {
    at: new Date().toISOString(),
    machine: machine(),
    connections: CONNECTIONS,
    seconds: SECONDS,
    roadmap: slug,
    bare,
    direct,
    gateway: viaGateway,
    gatewayVsBare: ratio,
    overhead: {
      throughputVsDirect: Math.round((viaGateway.requestsPerSecond / direct.requestsPerSecond) * 1000) / 1000,
      addedP50Ms: Math.round((viaGateway.latencyMs.p50 - direct.latencyMs.p50) * 10) / 10,
      addedP99Ms: Math.round((viaGateway.latencyMs.p99 - direct.latencyMs.p99) * 10) / 10,
    },
    rssMb: { gateway: rssMb(gateway.child.pid), catalog: rssMb(catalog.child.pid) },
    targets: { ratio: TARGET_RATIO, p99Ms: TARGET_P99_MS },
    met: ratio >= TARGET_RATIO && viaGateway.latencyMs.p99 <= TARGET_P99_MS && viaGateway.non2xx === 0,
  };
  const file = publish(
    'gateway',
    result,
    `
### Gateway read vs bare Fastify (bench/gateway)

Run ${result.at} on ${result.machine.cpus} cores (${result.machine.cpuModel}), Node ${result.machine.node}; ${CONNECTIONS} connections, ${SECONDS} s per row after a 2 s warm-up; load generator, gateway, catalog, PostgreSQL and Redis all on this machine.

| Row | req/s | p50 ms | p99 ms | non-2xx |
|---|---:|---:|---:|---:|
| Bare Fastify hello-world | ${bare.requestsPerSecond} | ${bare.latencyMs.p50} | ${bare.latencyMs.p99} | ${bare.non2xx} |
| Catalog \`GET /roadmaps/${slug}\` direct | ${direct.requestsPerSecond} | ${direct.latencyMs.p50} | ${direct.latencyMs.p99} | ${direct.non2xx} |
| Same read through the gateway (token verified, rate-limited, service token, breaker) | ${viaGateway.requestsPerSecond} | ${viaGateway.latencyMs.p50} | ${viaGateway.latencyMs.p99} | ${viaGateway.non2xx} |

Gateway / bare Fastify: **${ratio}** (target ≥ ${TARGET_RATIO}); gateway p99 **${viaGateway.latencyMs.p99} ms** (target ≤ ${TARGET_P99_MS} ms) — ${result.met ? 'targets met' : 'targets NOT met'}.
Overhead over the direct call: ${result.overhead.throughputVsDirect}× the direct throughput, +${result.overhead.addedP50Ms} ms p50, +${result.overhead.addedP99Ms} ms p99. RSS after the run: gateway ${result.rssMb.gateway} MB, catalog ${result.rssMb.catalog} MB.
`,
  );
  console.log(`\ngateway/bare ${ratio} (target ≥ ${TARGET_RATIO}), gateway p99 ${viaGateway.latencyMs.p99} ms (target ≤ ${TARGET_P99_MS}); ${result.met ? 'met' : 'NOT met'}\nresult: ${path.relative(root, file)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
}
