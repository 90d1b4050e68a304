// The platform as operators run it, for system tests: catalog, progress, recommendation and two gateway replicas
// as separate Node processes built from dist/, on real PostgreSQL, Redis and Kafka.
import { CATALOG_MIGRATIONS, CATALOG_RECORDS, loadSeedCatalog } from '@pathwise/catalog/feature';
import { addPublishedRoadmap } from '@pathwise/catalog/feature/testing';
import { runMigrations } from '@pathwise/platform/persistence';
import { buildWorkspace, eventually, freePort, startChild, waitFor, type ChildHandle } from '@pathwise/platform/testing';
import { PROGRESS_MIGRATIONS } from '@pathwise/progress/feature';
import { RECOMMENDATION_MIGRATIONS } from '@pathwise/recommendation/feature';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface RunningPlatform {
  /** Two gateway replicas sharing one database schema and one Redis key prefix. */
  gateways: [string, string];
  catalogUrl: string;
  progressUrl: string;
  recommendationUrl: string;
  /** The gateway's own schema: this suite's users, sessions and roles, and nobody else's. */
  gatewaySchema: string;
  gatewayDb: DataSource;
  progressDb: DataSource;
  /** A roadmap published through the catalog's outbox and already applied by progress. */
  roadmap: { slug: string; id: string };
  /** Present when started with `sagaWorker: true`. */
  sagaWorker?: SagaWorkerProcess;
  /** Every line each process wrote to stdout and stderr. */
  logs(): string[];
  close(): Promise<void>;
}

/** The saga-worker as a process the test can kill and replace (docs/reliability.md case 43). */
export interface SagaWorkerProcess {
  /** Kills the running worker (SIGKILL unless told otherwise: no graceful shutdown, no goodbye to Temporal). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts a new worker process on the same task queue, port and signing keys; resolves once it is ready. */
  start(): Promise<void>;
}

export interface PlatformLimits {
  /** Requests per minute per signed-in principal (shared by both replicas through Redis). */
  principalPerMinute: number;
  /** Requests per minute per IP for anonymous and /v1/auth/ calls (every test client shares 127.0.0.1); default 1000. */
  anonymousPerMinute?: number;
  /** Also run the saga-worker (workflows on a task queue of this platform's own). */
  sagaWorker?: boolean;
  /** The gateways also serve the learner web app built into this folder (ADR 0080). */
  webRoot?: string;
}

/** Runs a built script to completion (a migration Job, say) and fails with its output if it fails. */
function runToCompletion(script: string, env: Record<string, string>): Promise<void> {
  const child = startChild(script, env);
  return new Promise((resolve, reject) =>
    child.child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}:\n${child.output.join('\n')}`)))),
  );
}

async function ready(baseUrl: string, process: ChildHandle, timeoutMs = 60_000): Promise<void> {
  const ok = await eventually(
    () => fetch(`${baseUrl}/health/ready`).then((response) => response.ok, () => false),
    (value) => value,
    timeoutMs,
  );
  if (!ok) throw new Error(`${baseUrl} never became ready:\n${process.output.slice(-30).join('\n')}`);
}

export async function startPlatform(limits: PlatformLimits): Promise<RunningPlatform> {
  buildWorkspace();
  const env = process.env as Record<string, string>;
  const [catalogPort, progressPort, recommendationPort, sagaWorkerPort, gatewayPortA, gatewayPortB] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort(), freePort()]);
  const gateways: [string, string] = [`http://127.0.0.1:${gatewayPortA}`, `http://127.0.0.1:${gatewayPortB}`];
  const catalogUrl = `http://127.0.0.1:${catalogPort}`;
  const progressUrl = `http://127.0.0.1:${progressPort}`;
  const recommendationUrl = `http://127.0.0.1:${recommendationPort}`;
  const sagaWorkerUrl = `http://127.0.0.1:${sagaWorkerPort}`;
  // Workflows started by these gateways run only on this platform's saga-worker.
  const taskQueue = `system-${randomUUID().slice(0, 8)}`;
  // Services trust the gateway's keys, fetched over HTTP like in a cluster.
  const auth = { AUTH_JWKS_URL: `${gateways[0]}/.well-known/jwks.json`, LOG_LEVEL: 'info' };

  // The gateway gets a schema of its own (libpq's PGOPTIONS, honoured by node-pg): the suite can
  // break its tables to force a 500 without touching another suite's users.
  const gatewaySchema = `system_${randomUUID().slice(0, 8)}`;
  const gatewayDb = await new DataSource({ type: 'postgres', url: env['GATEWAY_DATABASE_URL'], applicationName: 'system-e2e' }).initialize();
  await gatewayDb.query(`CREATE SCHEMA ${gatewaySchema}`);
  const gatewayEnv = {
    PGOPTIONS: `-c search_path=${gatewaySchema}`,
    GATEWAY_CATALOG_URL: catalogUrl,
    GATEWAY_PROGRESS_URL: progressUrl,
    GATEWAY_RECOMMENDATION_URL: recommendationUrl,
    SAGA_TASK_QUEUE: taskQueue,
    GATEWAY_REDIS_KEY_PREFIX: `system:${randomUUID().slice(0, 8)}:`,
    GATEWAY_RATE_LIMIT_PER_MINUTE: String(limits.principalPerMinute),
    // Every test client shares 127.0.0.1: per-IP quotas high enough for the suite's sign-ups.
    GATEWAY_ANONYMOUS_RATE_LIMIT_PER_MINUTE: String(limits.anonymousPerMinute ?? 1000),
    GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: String(limits.anonymousPerMinute ?? 1000),
    ...(limits.webRoot ? { GATEWAY_WEB_ROOT: limits.webRoot } : {}),
    LOG_LEVEL: 'info',
  };
  await runToCompletion('apps/gateway/src/migrate.js', gatewayEnv);

  // Catalog and progress use their own databases as `npm start` leaves them.
  await runMigrations({ url: env['PROGRESS_DATABASE_URL'] as string, service: 'progress', migrations: PROGRESS_MIGRATIONS });
  await runMigrations({ url: env['CATALOG_DATABASE_URL'] as string, service: 'catalog', migrations: CATALOG_MIGRATIONS });
  await runMigrations({ url: env['RECOMMENDATION_DATABASE_URL'] as string, service: 'recommendation', migrations: RECOMMENDATION_MIGRATIONS });
  const catalogDb = await new DataSource({ type: 'postgres', url: env['CATALOG_DATABASE_URL'], entities: CATALOG_RECORDS, applicationName: 'system-e2e' }).initialize();
  const progressDb = await new DataSource({ type: 'postgres', url: env['PROGRESS_DATABASE_URL'], applicationName: 'system-e2e' }).initialize();

  const processes: ChildHandle[] = [];
  try {
    await loadSeedCatalog(catalogDb);
    const slug = `system-${randomUUID().slice(0, 8)}`;
    // Written to the catalog's outbox; the catalog process relays it, progress consumes it.
    await addPublishedRoadmap(catalogDb, slug);

    processes.push(
      startChild('apps/catalog/src/main.js', { ...auth, CATALOG_HTTP_PORT: String(catalogPort) }),
      startChild('apps/progress/src/main.js', { ...auth, PROGRESS_HTTP_PORT: String(progressPort), AUTH_SERVICE_JWKS_URL: `${sagaWorkerUrl}/.well-known/jwks.json` }),
      startChild('apps/recommendation/src/main.js', { ...auth, RECOMMENDATION_HTTP_PORT: String(recommendationPort), AUTH_SERVICE_JWKS_URL: `${sagaWorkerUrl}/.well-known/jwks.json` }),
      startChild('apps/gateway/src/main.js', { ...gatewayEnv, GATEWAY_HTTP_PORT: String(gatewayPortA) }),
      startChild('apps/gateway/src/main.js', { ...gatewayEnv, GATEWAY_HTTP_PORT: String(gatewayPortB) }),
    );
    const [catalog, progress, recommendation, gatewayA, gatewayB] = processes as [ChildHandle, ChildHandle, ChildHandle, ChildHandle, ChildHandle];
    const started = [ready(catalogUrl, catalog), ready(progressUrl, progress), ready(recommendationUrl, recommendation), ready(gateways[0], gatewayA), ready(gateways[1], gatewayB)];
    let sagaWorker: SagaWorkerProcess | undefined;
    if (limits.sagaWorker) {
      let current: ChildHandle | undefined;
      sagaWorker = {
        kill: (signal = 'SIGKILL') => current?.kill(signal) ?? Promise.resolve(),
        start() {
          current = startChild('apps/saga-worker/src/main.js', { LOG_LEVEL: 'info', SAGA_WORKER_HTTP_PORT: String(sagaWorkerPort), SAGA_TASK_QUEUE: taskQueue, SAGA_RECOMMENDATION_URL: recommendationUrl, SAGA_PROGRESS_URL: progressUrl });
          processes.push(current);
          // It bundles the workflow code before it polls.
          return ready(sagaWorkerUrl, current, 90_000);
        },
      };
      started.push(sagaWorker.start());
    }
    await Promise.all(started);
    const applied = await waitFor(
      async () => (await progressDb.query('SELECT roadmap_id FROM catalog_roadmaps WHERE slug = $1', [slug]))[0] as { roadmap_id: string } | undefined,
      (row) => row !== undefined,
      30_000,
      `progress to apply RoadmapPublished for ${slug}`,
    );

    return {
      gateways,
      catalogUrl,
      progressUrl,
      recommendationUrl,
      gatewaySchema,
      gatewayDb,
      progressDb,
      roadmap: { slug, id: applied.roadmap_id },
      ...(sagaWorker ? { sagaWorker } : {}),
      logs: () => processes.flatMap((child) => child.output),
      async close() {
        await Promise.all(processes.map((child) => child.kill('SIGTERM')));
        await gatewayDb.query(`DROP SCHEMA ${gatewaySchema} CASCADE`);
        await Promise.all([gatewayDb.destroy(), progressDb.destroy(), catalogDb.destroy()]);
      },
    };
  } catch (error) {
    await Promise.all(processes.map((child) => child.kill()));
    await Promise.all([gatewayDb.destroy(), progressDb.destroy(), catalogDb.destroy()]);
    throw error;
  }
}

/** A new learner signed up and logged in through a gateway. */
export async function newLearner(gateway: string, name = 'learner'): Promise<{ id: string; email: string; accessToken: string }> {
  const email = `${name}-${randomUUID()}@example.test`;
  const credentials = JSON.stringify({ email, password: 'correct horse battery staple' });
  const post = (path: string) => fetch(`${gateway}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: credentials });
  const created = await post('/v1/auth/sign-up');
  if (created.status !== 201) throw new Error(`sign-up answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const { accessToken } = (await (await post('/v1/auth/login')).json()) as { accessToken: string };
  return { id, email, accessToken };
}
