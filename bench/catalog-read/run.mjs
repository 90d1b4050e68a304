// bench/catalog-read: in one run, with the same load tool (autocannon, in this process) and the
// same number of connections,
//   1. a bare Fastify hello-world (context: what the machine does with almost no bytes),
//   2. bare Fastify answering the same bytes as the catalog read (status, headers and body copied
//      from one real answer): the reference, since it moves the same data per request,
//   3. GET /roadmaps/backend on the catalog exactly as `npm start` runs it (compiled, Redis cache
//      warm, info-level request logs to a file), a JSON body of tens of KB served from Redis.
// Targets: the catalog read reaches ≥ 0.5 of the same-bytes server's requests/s with p99 ≤ 25 ms
// at 50 connections; the catalog's peak RSS ≤ 256 MiB.
// Usage: npm run bench:catalog-read [-- --seconds 15 --connections 50]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from '../../tools/built.mjs';
import { migrateAndSeed } from '../../tools/migrate.mjs';
import { captureResponse, freePort, machine, measureHttp, MEMORY_TARGET_MIB, publish, ratio, root, serviceEnv, startBareFastify, startNode, startSameBytesFastify, verdict, waitForOk } from '../lib.mjs';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '15' }, connections: { type: 'string', default: '50' }, 'log-level': { type: 'string', default: 'info' } } });
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 25;
const [BARE_PORT, SAME_BYTES_PORT, CATALOG_PORT] = await Promise.all([freePort(), freePort(), freePort()]);

process.loadEnvFile(path.join(root, '.env'));
build();
migrateAndSeed();

async function measure(name, url, pid) {
  const result = await measureHttp({ url, connections: CONNECTIONS, seconds: SECONDS, warmUpSeconds: 3, pid });
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers or errors`);
  return { name, ...result };
}

const children = [startBareFastify(BARE_PORT)];
const catalog = startNode('dist/apps/catalog/src/main.js', serviceEnv({ CATALOG_HTTP_PORT: String(CATALOG_PORT), LOG_LEVEL: args['log-level'] }), path.join(root, 'bench/results/.catalog-read.log'));
children.push(catalog);
try {
  const catalogUrl = `http://127.0.0.1:${CATALOG_PORT}/roadmaps/backend`;
  await waitForOk(`http://127.0.0.1:${BARE_PORT}/`);
  await waitForOk(`http://127.0.0.1:${CATALOG_PORT}/health/ready`);
  const answer = await captureResponse(catalogUrl);
  if (answer.status !== 200) throw new Error(`catalog answered ${answer.status}; did the seed run?`);
  children.push(startSameBytesFastify(SAME_BYTES_PORT, answer));
  await waitForOk(`http://127.0.0.1:${SAME_BYTES_PORT}/`);

  const hello = await measure('bare Fastify hello-world', `http://127.0.0.1:${BARE_PORT}/`);
  const reference = await measure('bare Fastify, same bytes as the catalog answer', `http://127.0.0.1:${SAME_BYTES_PORT}/`);
  const project = await measure('catalog GET /roadmaps/backend (warm cache)', catalogUrl, catalog.pid);
  const result = {
    benchmark: 'catalog-read',
    at: new Date().toISOString(),
    machine: machine(),
    settings: { seconds: SECONDS, connections: CONNECTIONS, tool: 'autocannon (in-process, same for every row)' },
    captured: { status: answer.status, headerBytes: answer.headerBytes, bodyBytes: answer.bodyBytes },
    hello,
    reference,
    project,
    ratio: ratio(project.requestsPerSecond, reference.requestsPerSecond),
    ratioToHello: ratio(project.requestsPerSecond, hello.requestsPerSecond),
    targets: { ratio: TARGET_RATIO, p99Ms: TARGET_P99_MS, rssMib: MEMORY_TARGET_MIB },
  };
  result.met = { ratio: result.ratio >= TARGET_RATIO, p99: project.latencyMs.p99 <= TARGET_P99_MS, memory: project.peakRssMb <= MEMORY_TARGET_MIB };
  const row = (r, rss = '—') => `| ${r.name} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.bytesPerResponse} | ${rss} |`;
  const markdown = `## Catalog read (\`npm run bench:catalog-read\`)

Run ${result.at} on ${result.machine.cpus} cores (${result.machine.cpuModel}), Node ${result.machine.node}; ${SECONDS} s per row after a 3 s warm-up, ${CONNECTIONS} connections, autocannon. Load generator and servers share the machine.
The reference is bare Fastify answering the bytes of one real catalog answer (${answer.headerBytes} B of status line and headers, ${answer.bodyBytes} B of body), so both rows move the same data; the hello-world row is context.

| Row | req/s | p50 ms | p99 ms | bytes/response | peak RSS |
|---|---:|---:|---:|---:|---:|
${row(hello)}
${row(reference)}
${row(project, `${project.peakRssMb} MiB`)}

| Target | Result | Verdict |
|---|---|---|
| Catalog / same-bytes Fastify ≥ ${TARGET_RATIO} of req/s | ${result.ratio} | ${verdict(result.met.ratio)} |
| Catalog p99 ≤ ${TARGET_P99_MS} ms at ${CONNECTIONS} connections | ${project.latencyMs.p99} ms | ${verdict(result.met.p99)} |
| Catalog peak RSS ≤ ${MEMORY_TARGET_MIB} MiB (aim 200 MB) | ${project.peakRssMb} MiB | ${verdict(result.met.memory)} |

Catalog / hello-world (context): ${result.ratioToHello}.`;
  const file = publish('catalog-read', result, markdown);
  console.log(JSON.stringify(result, null, 2));
  console.log(`\nresults: ${path.relative(root, file)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
}
