// bench/gateway: in one run, on this machine, with the same load tool and connections for every row,
//   1. context: bare Fastify and bare NestJS hello-worlds (what the framework itself costs);
//   2. public read, micro-cached: GET /v1/roadmaps/{slug} through the gateway. The token is
//      verified and counted by the rate limiter (Redis), but the answer comes from the gateway's
//      one-second micro-cache: the catalog is called about once per second, no service token is
//      minted. Reference: bare Fastify answering the same bytes; the catalog read direct is context;
//   3. authenticated read, downstream on every request: GET /v1/enrollments/{roadmapId} (token
//      verified, rate-limited, service token minted or reused, breaker and timeout around the call,
//      progress reads its read model in PostgreSQL). References: the same read sent to progress
//      directly with the token the gateway would mint, and bare Fastify answering the same bytes.
// Targets: the public read ≥ 0.5 of its same-bytes Fastify's requests/s with p99 ≤ 25 ms at 50
// connections; the authenticated read ≥ 0.7 of the direct read's requests/s (its same-bytes ratio
// and p99 are reported as context); each service's peak RSS ≤ 256 MiB.
// Usage: npm run bench:gateway [-- --seconds 10 --connections 50]
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { requireBuilt } from '../../tools/built.mjs';
import { migrateAndSeed } from '../../tools/migrate.mjs';
import {
  captureResponse,
  freePort,
  machine,
  measureHttp,
  MEMORY_TARGET_MIB,
  publish,
  publishTestRoadmap,
  ratio,
  root,
  serviceEnv,
  startBareFastify,
  startBareNest,
  startNode,
  startSameBytesFastify,
  trackPeakRss,
  verdict,
  waitForOk,
} from '../lib.mjs';

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } } });
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const TARGET_SAME_BYTES_RATIO = 0.5;
const TARGET_DIRECT_RATIO = 0.7;
const TARGET_P99_MS = 25;

process.loadEnvFile(path.join(root, '.env'));
const { AccessTokenIssuer, signingKeyFromSeed } = requireBuilt('libs/gateway/feature/src/lib/identity/signing-keys'); // compiles the workspace once
migrateAndSeed();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const children = [];
/** A service as `npm start` runs it, logging at warn to bench/results/.<name>.log. */
function start(name, script, env) {
  const child = startNode(script, serviceEnv({ LOG_LEVEL: 'warn', ...env }), path.join(root, `bench/results/.${name}.log`));
  children.push(child);
  return child;
}

async function load(name, url, headers = {}) {
  const result = await measureHttp({ url, connections: CONNECTIONS, seconds: SECONDS, headers });
  console.log(`${name.padEnd(34)} ${String(result.requestsPerSecond).padStart(6)} req/s  p50 ${result.latencyMs.p50} ms  p99 ${result.latencyMs.p99} ms  ${result.bytesPerResponse} B/response  non-2xx/errors ${result.non2xx}`);
  return { name, ...result };
}

/** The token the gateway would send to progress for this caller: same key, issuer, subject and roles. */
async function serviceTokenFor(accessToken, audience) {
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
  const keys = process.env.GATEWAY_SIGNING_KEYS.split(',').map((seed) => signingKeyFromSeed(seed.trim()));
  const { token } = await new AccessTokenIssuer(claims.iss, keys).issue({ subject: claims.sub, roles: claims.roles ?? [], audience, ttlSeconds: 3600 });
  return token;
}

/** Retries `attempt` every 250 ms until it returns true (progress consumes the roadmap, then projects the enrollment). */
async function eventually(what, attempt, timeoutMs = 60_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(250)) {
    if (await attempt()) return;
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms`);
}

try {
  const [helloPort, nestPort, catalogPort, progressPort, gatewayPort, publicBytesPort, enrollmentBytesPort] = await Promise.all(Array.from({ length: 7 }, freePort));
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const catalogUrl = `http://127.0.0.1:${catalogPort}`;
  const progressUrl = `http://127.0.0.1:${progressPort}`;
  const jwksUrl = `${gatewayUrl}/.well-known/jwks.json`;

  children.push(startBareFastify(helloPort), startBareNest(nestPort));
  const catalog = start('catalog', 'dist/apps/catalog/src/main.js', { CATALOG_HTTP_PORT: String(catalogPort), AUTH_JWKS_URL: jwksUrl });
  const progress = start('progress', 'dist/apps/progress/src/main.js', { PROGRESS_HTTP_PORT: String(progressPort), AUTH_JWKS_URL: jwksUrl });
  const gateway = start('gateway', 'dist/apps/gateway/src/main.js', {
    GATEWAY_HTTP_PORT: String(gatewayPort),
    GATEWAY_CATALOG_URL: catalogUrl,
    GATEWAY_PROGRESS_URL: progressUrl,
    GATEWAY_REDIS_KEY_PREFIX: `bench:${randomUUID().slice(0, 8)}:`,
    // Quotas are enforced (every request is counted in Redis) but sized above what one client can send here.
    GATEWAY_RATE_LIMIT_PER_MINUTE: '100000000',
    GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '1000',
  });
  await Promise.all([
    waitForOk(`http://127.0.0.1:${helloPort}/`),
    waitForOk(`http://127.0.0.1:${nestPort}/`),
    waitForOk(`${catalogUrl}/health/ready`),
    waitForOk(`${progressUrl}/health/ready`),
    waitForOk(`${gatewayUrl}/health/ready`),
  ]);

  const email = `bench-${randomUUID()}@example.test`;
  const password = 'benchmark password 1234';
  const post = (url, body, headers = {}) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if ((await post(`${gatewayUrl}/v1/auth/sign-up`, { email, password })).status !== 201) throw new Error('sign-up failed');
  const { accessToken } = await (await post(`${gatewayUrl}/v1/auth/login`, { email, password })).json();
  const bearer = { authorization: `Bearer ${accessToken}` };

  // The seeded roadmap, as in bench/catalog-read: the first one listed may be a test's leftover.
  const slug = 'backend';
  if ((await fetch(`${catalogUrl}/roadmaps/${slug}`)).status !== 200) throw new Error(`the catalog has no published roadmap ${slug}; did the seed run?`);
  const publicPath = `/v1/roadmaps/${slug}`;
  const publicAnswer = await captureResponse(`${gatewayUrl}${publicPath}`, bearer);
  if (publicAnswer.status !== 200 || !publicAnswer.headers.ratelimit) throw new Error(`gateway public read failed: ${publicAnswer.status}`);

  // A roadmap of its own, so the learner's enrollment has the same shape on every run.
  const roadmapId = `roadmap:bench-${randomUUID()}`;
  await publishTestRoadmap(roadmapId);
  await eventually('progress learning the roadmap', async () => (await post(`${gatewayUrl}/v1/enrollments`, { roadmapId }, { ...bearer, 'idempotency-key': `"${randomUUID()}"` })).status === 201);
  const enrollmentPath = `/v1/enrollments/${encodeURIComponent(roadmapId)}`;
  await eventually('the enrollment reaching the read model', async () => (await fetch(`${gatewayUrl}${enrollmentPath}`, { headers: bearer })).status === 200);
  const directEnrollmentUrl = `${progressUrl}/enrollments/${encodeURIComponent(roadmapId)}`;
  const direct = { authorization: `Bearer ${await serviceTokenFor(accessToken, 'pathwise:progress')}` };
  if ((await fetch(directEnrollmentUrl, { headers: direct })).status !== 200) throw new Error('the direct progress read failed');
  const enrollmentAnswer = await captureResponse(`${gatewayUrl}${enrollmentPath}`, bearer);

  children.push(startSameBytesFastify(publicBytesPort, publicAnswer), startSameBytesFastify(enrollmentBytesPort, enrollmentAnswer));
  await Promise.all([waitForOk(`http://127.0.0.1:${publicBytesPort}/`), waitForOk(`http://127.0.0.1:${enrollmentBytesPort}/`)]);

  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s per row after a 2 s warm-up\n`);
  const memory = trackPeakRss({ gateway: gateway.pid, catalog: catalog.pid, progress: progress.pid });
  const hello = await load('bare Fastify hello-world', `http://127.0.0.1:${helloPort}/`);
  const nest = await load('bare NestJS hello-world', `http://127.0.0.1:${nestPort}/`);
  // Same request headers for a reference as for its row: the same bytes travel both ways.
  const publicBytes = await load('same bytes as the public read', `http://127.0.0.1:${publicBytesPort}/`, bearer);
  const catalogDirect = await load('catalog read direct', `${catalogUrl}/roadmaps/${slug}`);
  const publicRead = await load('gateway public read, micro-cached', `${gatewayUrl}${publicPath}`, bearer);
  const enrollmentBytes = await load('same bytes as the enrollment read', `http://127.0.0.1:${enrollmentBytesPort}/`, bearer);
  const progressDirect = await load('progress enrollment read direct', directEnrollmentUrl, direct);
  const authenticatedRead = await load('gateway enrollment read', `${gatewayUrl}${enrollmentPath}`, bearer);
  const rssMib = memory.stop();

  const result = {
    benchmark: 'gateway',
    at: new Date().toISOString(),
    machine: machine(),
    connections: CONNECTIONS,
    seconds: SECONDS,
    roadmap: slug,
    enrollment: roadmapId,
    captured: {
      publicRead: { headerBytes: publicAnswer.headerBytes, bodyBytes: publicAnswer.bodyBytes },
      authenticatedRead: { headerBytes: enrollmentAnswer.headerBytes, bodyBytes: enrollmentAnswer.bodyBytes },
    },
    rows: { hello, nest, publicBytes, catalogDirect, publicRead, enrollmentBytes, progressDirect, authenticatedRead },
    ratios: {
      publicReadVsSameBytes: ratio(publicRead.requestsPerSecond, publicBytes.requestsPerSecond),
      authenticatedReadVsSameBytes: ratio(authenticatedRead.requestsPerSecond, enrollmentBytes.requestsPerSecond),
      authenticatedReadVsDirect: ratio(authenticatedRead.requestsPerSecond, progressDirect.requestsPerSecond),
      nestVsHello: ratio(nest.requestsPerSecond, hello.requestsPerSecond),
      publicReadVsHello: ratio(publicRead.requestsPerSecond, hello.requestsPerSecond),
      authenticatedReadVsHello: ratio(authenticatedRead.requestsPerSecond, hello.requestsPerSecond),
    },
    rssMib,
    targets: { sameBytesRatio: TARGET_SAME_BYTES_RATIO, directRatio: TARGET_DIRECT_RATIO, p99Ms: TARGET_P99_MS, rssMib: MEMORY_TARGET_MIB },
  };
  const { ratios } = result;
  result.met = {
    publicRead: ratios.publicReadVsSameBytes >= TARGET_SAME_BYTES_RATIO && publicRead.non2xx === 0,
    publicReadP99: publicRead.latencyMs.p99 <= TARGET_P99_MS,
    authenticatedReadVsDirect: ratios.authenticatedReadVsDirect >= TARGET_DIRECT_RATIO && authenticatedRead.non2xx === 0,
    memory: Object.fromEntries(Object.entries(rssMib).map(([name, mib]) => [name, mib <= MEMORY_TARGET_MIB])),
  };
  const row = (label, r) => `| ${label} | ${r.requestsPerSecond} | ${r.latencyMs.p50} | ${r.latencyMs.p99} | ${r.bytesPerResponse} | ${r.non2xx} |`;
  const file = publish(
    'gateway',
    result,
    `
## Gateway reads (\`npm run bench:gateway\`)

Run ${result.at} on ${result.machine.cpus} cores (${result.machine.cpuModel}), Node ${result.machine.node}; ${CONNECTIONS} connections, ${SECONDS} s per row after a 2 s warm-up; load generator, gateway, catalog, progress, PostgreSQL and Redis all on this machine.
Each same-bytes row is bare Fastify answering the status, headers and body of one real gateway answer (public read: ${publicAnswer.headerBytes} B of headers, ${publicAnswer.bodyBytes} B of body; enrollment read: ${enrollmentAnswer.headerBytes} B + ${enrollmentAnswer.bodyBytes} B), sent the same request headers.

| Row | req/s | p50 ms | p99 ms | bytes/response | non-2xx |
|---|---:|---:|---:|---:|---:|
${row('Context: bare Fastify hello-world', hello)}
${row('Context: bare NestJS hello-world (Fastify adapter, one controller)', nest)}
${row('Reference: bare Fastify, same bytes as the public read', publicBytes)}
${row(`Context: catalog \`GET /roadmaps/${slug}\` direct`, catalogDirect)}
${row(`**Public read, micro-cached**: gateway \`GET ${publicPath}\` (token verified, rate-limited; catalog called ~1×/s, no service token)`, publicRead)}
${row('Reference: bare Fastify, same bytes as the enrollment read', enrollmentBytes)}
${row('Reference: progress `GET /enrollments/{roadmapId}` direct, with the token the gateway would mint', progressDirect)}
${row('**Authenticated read, downstream every request**: gateway `GET /v1/enrollments/{roadmapId}` (token verified, rate-limited, service token, breaker, progress read model)', authenticatedRead)}

| Target | Result | Verdict |
|---|---|---|
| Public read / same-bytes Fastify ≥ ${TARGET_SAME_BYTES_RATIO} of req/s | ${ratios.publicReadVsSameBytes} | ${verdict(result.met.publicRead)} |
| Public read p99 ≤ ${TARGET_P99_MS} ms | ${publicRead.latencyMs.p99} ms | ${verdict(result.met.publicReadP99)} |
| Authenticated read / the same read direct to progress ≥ ${TARGET_DIRECT_RATIO} of req/s | ${ratios.authenticatedReadVsDirect} | ${verdict(result.met.authenticatedReadVsDirect)} |
${Object.entries(rssMib)
  .map(([name, mib]) => `| Peak RSS of ${name} ≤ ${MEMORY_TARGET_MIB} MiB (aim 200 MB) | ${mib} MiB | ${verdict(result.met.memory[name])} |`)
  .join('\n')}

Context: authenticated read / same-bytes Fastify ${ratios.authenticatedReadVsSameBytes}, p99 ${authenticatedRead.latencyMs.p99} ms; bare NestJS / bare Fastify ${ratios.nestVsHello} (what NestJS itself costs); public read / hello-world ${ratios.publicReadVsHello}; authenticated read / hello-world ${ratios.authenticatedReadVsHello}.
`,
  );
  console.log(`\n${JSON.stringify({ ratios, rssMib, met: result.met }, null, 2)}\nresult: ${path.relative(root, file)}`);
} finally {
  for (const child of children) child.kill('SIGTERM');
}
