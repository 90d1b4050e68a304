// bench/catalog-read: in one run, with the same load tool (autocannon, in this process) and the
// same number of connections,
//   1. a bare Fastify hello-world (the reference),
//   2. GET /roadmaps/backend on the catalog exactly as `npm start` runs it (compiled, Redis cache
//      warm, info-level request logs to a file), a ~23 KB JSON body served from Redis.
// Target (ARCHITECTURE.md): the catalog read reaches ≥ 25% of bare Fastify's requests/s with
// p99 ≤ 25 ms at 50 connections.
// Usage: npm run bench:catalog-read [-- --seconds 15 --connections 50]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../../tools/built.mjs';
import { migrateAndSeed } from '../../tools/migrate.mjs';
import { freePort, machine, measureHttp, publish, root, startBareFastify, startNode, waitForOk } from '../lib.mjs';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, connections: { type: 'string', default: '50' }, 'log-level': { type: 'string', default: 'info' } } });
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const TARGET_RATIO = 0.25;
const TARGET_P99_MS = 25;
const BARE_PORT = await freePort();
const CATALOG_PORT = await freePort();

process.loadEnvFile(path.join(root, '.env'));
build();
migrateAndSeed();

async function measure(name, url, pid) {
  const result = await measureHttp({ url, connections: CONNECTIONS, seconds: SECONDS, warmUpSeconds: 3, pid });
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers or errors`);
  return { name, ...result };
}

const bare = startBareFastify(BARE_PORT);
const catalog = startNode('dist/apps/catalog/src/main.js', { CATALOG_HTTP_PORT: String(CATALOG_PORT), LOG_LEVEL: args['log-level'] }, path.join(root, 'bench/results/.catalog-read.log'));
try {
  await waitForOk(`http://127.0.0.1:${BARE_PORT}/`);
  await waitForOk(`http://127.0.0.1:${CATALOG_PORT}/health/ready`);
  const reference = await measure('bare Fastify hello-world', `http://127.0.0.1:${BARE_PORT}/`);
  const project = await measure('catalog GET /roadmaps/backend (warm cache)', `http://127.0.0.1:${CATALOG_PORT}/roadmaps/backend`, catalog.pid);
  const ratio = Math.round((project.requestsPerSecond / reference.requestsPerSecond) * 1000) / 1000;
  const result = {
    benchmark: 'catalog-read',
    at: new Date().toISOString(),
    machine: machine(),
    settings: { seconds: SECONDS, connections: CONNECTIONS, tool: 'autocannon (in-process, same for both)' },
    reference,
    project,
    ratio,
    targets: { ratio: TARGET_RATIO, p99Ms: TARGET_P99_MS },
    met: { ratio: ratio >= TARGET_RATIO, p99: project.latencyMs.p99 <= TARGET_P99_MS },
  };
  const markdown = `## Catalog read (\`npm run bench:catalog-read\`)

${SECONDS} s per target, ${CONNECTIONS} connections, autocannon; ${result.machine.cpus} CPUs (${result.machine.cpuModel}), ${result.machine.node}. Load generator and servers share the machine.

| Target | req/s | p50 ms | p99 ms | bytes/response | peak RSS |
|---|---:|---:|---:|---:|---:|
| ${reference.name} | ${reference.requestsPerSecond} | ${reference.latencyMs.p50} | ${reference.latencyMs.p99} | ${reference.bytesPerResponse} | — |
| ${project.name} | ${project.requestsPerSecond} | ${project.latencyMs.p50} | ${project.latencyMs.p99} | ${project.bytesPerResponse} | ${project.peakRssMb} MB |

Ratio catalog / bare Fastify: **${ratio}** (target ≥ ${TARGET_RATIO}: ${result.met.ratio ? 'met' : 'missed'}); catalog p99 ${project.latencyMs.p99} ms (target ≤ ${TARGET_P99_MS} ms: ${result.met.p99 ? 'met' : 'missed'}).`;
  const file = publish('catalog-read', result, markdown);
  console.log(JSON.stringify(result, null, 2));
  console.log(`\nresults: ${path.relative(root, file)}`);
} finally {
  bare.kill('SIGTERM');
  catalog.kill('SIGTERM');
}
