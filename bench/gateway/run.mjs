// bench/gateway: in one run, on this machine,
//   1. a bare Fastify hello-world (the reference), and the same on bare NestJS (the framework's share),
//   2. a catalog roadmap read, called directly (cached by the catalog in Redis),
//   3. the same read through the gateway: authenticated (EdDSA verify), rate-limited (Redis),
//      service token minted, breaker and timeout around the call.
// Target: gateway ≥ 25% of the hello-world's requests/s, p99 ≤ 25 ms at 50 connections.
// Usage: npm run bench:gateway [-- --seconds 10 --connections 50]
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt } from '../../tools/built.mjs';
import { migrateAndSeed } from '../../tools/migrate.mjs';
import { freePort, machine, measureHttp, publish, root, rssMb, startBareFastify, startBareNest, startNode, waitForOk } from '../lib.mjs';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const TARGET_RATIO = 0.25;
const TARGET_P99_MS = 25;

process.loadEnvFile(path.join(root, '.env'));
requireBuilt('apps/gateway/src/config'); // compiles the workspace once
migrateAndSeed();

const children = [];
/** A service as `npm start` runs it, logging at warn to bench/results/.<name>.log. */
function start(name, script, env) {
  const child = startNode(script, { LOG_LEVEL: 'warn', ...env }, path.join(root, `bench/results/.${name}.log`));
  children.push(child);
  return child;
}

async function load(name, url, headers = {}) {
  const result = await measureHttp({ url, connections: CONNECTIONS, seconds: SECONDS, headers });
  console.log(`${name.padEnd(22)} ${result.requestsPerSecond} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  non-2xx/errors ${result.non2xx}`);
  return result;
}

try {
  const [helloPort, nestPort, catalogPort, gatewayPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const catalogUrl = `http://127.0.0.1:${catalogPort}`;

  children.push(startBareFastify(helloPort), startBareNest(nestPort));
  const catalog = start('catalog', 'dist/apps/catalog/src/main.js', { CATALOG_HTTP_PORT: String(catalogPort), AUTH_JWKS_URL: `${gatewayUrl}/.well-known/jwks.json` });
  const gateway = start('gateway', 'dist/apps/gateway/src/main.js', {
    GATEWAY_HTTP_PORT: String(gatewayPort),
    GATEWAY_CATALOG_URL: catalogUrl,
    GATEWAY_REDIS_KEY_PREFIX: `bench:${randomUUID().slice(0, 8)}:`,
    // Quotas are enforced (every request is counted in Redis) but sized above what one client can send here.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '100000000',
    GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  });
  await Promise.all([waitForOk(`http://127.0.0.1:${helloPort}/`), waitForOk(`http://127.0.0.1:${nestPort}/`), waitForOk(`${catalogUrl}/health/ready`), waitForOk(`${gatewayUrl}/health/ready`)]);

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
  const bareNest = await load('bare NestJS', `http://127.0.0.1:${nestPort}/`);
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
    bareNest,
    direct,
    gateway: viaGateway,
    gatewayVsBare: ratio,
    overhead: {
      throughputVsDirect: Math.round((viaGateway.requestsPerSecond / direct.requestsPerSecond) * 1000) / 1000,
      addedP50Ms: Math.round((viaGateway.latencyMs.p50 - direct.latencyMs.p50) * 10) / 10,
      addedP99Ms: Math.round((viaGateway.latencyMs.p99 - direct.latencyMs.p99) * 10) / 10,
    },
    rssMb: { gateway: rssMb(gateway.pid), catalog: rssMb(catalog.pid) },
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
| Bare NestJS hello-world (Fastify adapter, one controller) | ${bareNest.requestsPerSecond} | ${bareNest.latencyMs.p50} | ${bareNest.latencyMs.p99} | ${bareNest.non2xx} |
| Catalog \`GET /roadmaps/${slug}\` direct | ${direct.requestsPerSecond} | ${direct.latencyMs.p50} | ${direct.latencyMs.p99} | ${direct.non2xx} |
| Same read through the gateway (token verified, rate-limited, service token, breaker) | ${viaGateway.requestsPerSecond} | ${viaGateway.latencyMs.p50} | ${viaGateway.latencyMs.p99} | ${viaGateway.non2xx} |

Gateway / bare Fastify: **${ratio}** (target ≥ ${TARGET_RATIO}); gateway p99 **${viaGateway.latencyMs.p99} ms** (target ≤ ${TARGET_P99_MS} ms) — ${result.met ? 'targets met' : 'targets NOT met'}.
Bare NestJS / bare Fastify: ${Math.round((bareNest.requestsPerSecond / bare.requestsPerSecond) * 1000) / 1000} (what NestJS itself costs); gateway / bare NestJS: ${Math.round((viaGateway.requestsPerSecond / bareNest.requestsPerSecond) * 1000) / 1000} (what our pipeline and the downstream call cost).
Overhead over the direct call: ${result.overhead.throughputVsDirect}× the direct throughput, +${result.overhead.addedP50Ms} ms p50, +${result.overhead.addedP99Ms} ms p99. RSS after the run: gateway ${result.rssMb.gateway} MB, catalog ${result.rssMb.catalog} MB.
`,
  );
  console.log(`\ngateway/bare ${ratio} (target ≥ ${TARGET_RATIO}), gateway p99 ${viaGateway.latencyMs.p99} ms (target ≤ ${TARGET_P99_MS}); ${result.met ? 'met' : 'NOT met'}\nresult: ${path.relative(root, file)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
}
