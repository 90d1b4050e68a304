// `npm start`: infrastructure up, build (services and the web app), migrations and seed, every app up; waits until
// each /health/ready answers 200, prints the gateway and web app URLs, and stops the apps on Ctrl-C (infrastructure
// keeps running: `npm run infra:down` stops it). The gateway serves the web app from dist/web (ADR 0080).
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APPS } from './apps.mjs';
import { migrateAndSeed } from './migrate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const READY_TIMEOUT_MS = 120_000;

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('bash', ['infra/bin/infra.sh', 'up']);
process.loadEnvFile(path.join(root, '.env'));
run(process.execPath, ['tools/build.mjs']);
run(process.execPath, ['tools/web/build.mjs']);
process.env.GATEWAY_WEB_ROOT ||= path.join(root, 'dist/web');
try {
  migrateAndSeed();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const children = new Map();
let stopping = false;

for (const app of APPS) {
  const child = spawn(process.execPath, ['--enable-source-maps', `dist/apps/${app.name}/src/main.js`], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${app.name.padEnd(14)}] ${line}\n`));
  }
  child.on('exit', (code, signal) => {
    children.delete(app.name);
    if (!stopping) {
      console.error(`\n${app.name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the other apps.`);
      void stop(1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  children.set(app.name, child);
}

async function waitReady(app) {
  const url = `http://127.0.0.1:${process.env[app.portKey] ?? app.defaultPort}/health/ready`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      const body = await response.json();
      if (response.ok) return { app: app.name, url, checks: Object.keys(body.details ?? {}) };
      last = JSON.stringify(body.checks ?? body);
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${app.name} not ready at ${url} within ${READY_TIMEOUT_MS / 1000}s: ${last}`);
}

async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  process.exitCode = exitCode;
  if (children.size === 0) process.exit(exitCode);
  for (const child of children.values()) child.kill('SIGTERM');
  // Apps drain within their own grace time; this is only a backstop.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 20_000).unref();
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  const ready = await Promise.all(APPS.map(waitReady));
  console.log('\nPathwise is up:');
  for (const { app, url, checks } of ready) console.log(`  ${app.padEnd(15)} ${url}  (${checks.join(', ')})`);
  const gateway = APPS.find((app) => app.name === 'gateway');
  const gatewayUrl = `http://127.0.0.1:${process.env[gateway.portKey] ?? gateway.defaultPort}`;
  console.log(`\nGateway: ${gatewayUrl}   (API docs: ${gatewayUrl}/docs)`);
  console.log(`Web app: ${gatewayUrl}/   (Ctrl-C stops the apps; npm run infra:down stops the infrastructure)\n`);
} catch (error) {
  console.error(`\n${error.message}`);
  await stop(1);
}
