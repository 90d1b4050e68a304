import {
  RESUME_ANALYSIS_START_POLICY,
  RESUME_ANALYSIS_STATUS_QUERY,
  RESUME_ANALYSIS_WORKFLOW,
  resumeAnalysisWorkflowId,
  type ResumeAnalysisResult,
  type ResumeAnalysisStep,
} from '@pathwise/contracts';
import { AccessTokenVerifier, SERVICE_ROLES, ServiceTokenIssuer } from '@pathwise/platform/auth';
import { createResumeAnalysisActivities } from '@pathwise/saga/activities';
import type { resumeAnalysis } from '@pathwise/saga/workflows';
import { Client, Connection, WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { SAGA_WORKER_SUBJECT, workflowsPath } from './app.module';
import { installTestRuntime, recordHistory } from './testing';

const AUDIENCE = 'pathwise:recommendation';
const ISSUER = 'pathwise:saga-worker';

installTestRuntime('saga-worker-resume-analysis');

interface Call {
  method: string;
  url: string;
  authorization?: string;
  idempotencyKey?: string;
}
type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** The recommendation service's internal resume routes, answered by the test, every call recorded. */
async function startFakeRecommendation(handlers: { analyze: Handler; discard?: Handler }) {
  const server = fastify();
  const calls: Call[] = [];
  server.addHook('onRequest', async (request) => {
    calls.push({ method: request.method, url: request.url, authorization: request.headers.authorization, idempotencyKey: request.headers['idempotency-key'] as string | undefined });
  });
  server.post('/internal/resumes/:uploadId/analysis', handlers.analyze);
  server.delete('/internal/resumes/:uploadId/content', handlers.discard ?? (async (_request, reply) => reply.code(204).send()));
  await server.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`, calls, close: () => server.close() };
}

const analyzed = (skills: number): Handler => async (request) => ({ uploadId: (request.params as { uploadId: string }).uploadId, status: 'analyzed', skills });
const problem = (reply: FastifyReply, status: number, body: Record<string, unknown>) =>
  reply.code(status).header('content-type', 'application/problem+json').send(JSON.stringify({ status, ...body }));

describe('resumeAnalysis workflow on the local Temporal server, with its real activities over HTTP', () => {
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let client: Client;
  let tokens: ServiceTokenIssuer;
  let verifier: AccessTokenVerifier;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const address = process.env['TEMPORAL_ADDRESS'] as string;
    nativeConnection = await NativeConnection.connect({ address });
    connection = await Connection.connect({ address });
    client = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default' });
    tokens = new ServiceTokenIssuer({ issuer: ISSUER, subject: SAGA_WORKER_SUBJECT, seeds: [randomBytes(32).toString('hex')] });
    verifier = new AccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: tokens.jwks, roles: SERVICE_ROLES });
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
  });

  /** A worker on its own task queue with the production activities pointed at `baseUrl`. */
  async function startWorker(baseUrl: string) {
    const taskQueue = `resume-analysis-${randomUUID()}`;
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: client.options.namespace,
      taskQueue,
      workflowsPath,
      activities: createResumeAnalysisActivities({ recommendation: { baseUrl, tokens }, timeoutMs: 2_000 }),
    });
    const running = worker.run();
    cleanups.push(async () => {
      worker.shutdown();
      await running;
    });
    return taskQueue;
  }

  async function start(taskQueue: string, uploadId: string) {
    return client.workflow.start<typeof resumeAnalysis>(RESUME_ANALYSIS_WORKFLOW, {
      taskQueue,
      workflowId: resumeAnalysisWorkflowId(uploadId),
      args: [{ uploadId, learnerId: randomUUID() }],
      ...RESUME_ANALYSIS_START_POLICY,
    });
  }

  const status = (handle: WorkflowHandle) => handle.query<ResumeAnalysisStep>(RESUME_ANALYSIS_STATUS_QUERY);

  it('when the resume is analysed, then the workflow calls analyze then discard with a service token and its idempotency key, and reports analyzed', async () => {
    const fake = await startFakeRecommendation({ analyze: analyzed(7) });
    cleanups.push(fake.close);
    const taskQueue = await startWorker(fake.url);
    const uploadId = randomUUID();

    const handle = await start(taskQueue, uploadId);
    expect(handle.workflowId).toBe(`resume-analysis:${uploadId}`);
    await expect(handle.result()).resolves.toEqual<ResumeAnalysisResult>({ status: 'analyzed', skills: 7 });

    expect(fake.calls.map(({ method, url, idempotencyKey }) => ({ method, url, idempotencyKey }))).toEqual([
      { method: 'POST', url: `/internal/resumes/${uploadId}/analysis`, idempotencyKey: `resume-analysis:${uploadId}:analyze` },
      { method: 'DELETE', url: `/internal/resumes/${uploadId}/content`, idempotencyKey: undefined },
    ]);
    for (const call of fake.calls) {
      const principal = await verifier.verify(String(call.authorization).replace(/^Bearer /, ''));
      expect(principal).toMatchObject({ subject: 'saga-worker', roles: ['service'], issuer: ISSUER });
    }
    expect(await status(handle)).toBe('analyzed');
    expect((await client.workflow.getHandle(handle.workflowId).describe()).type).toBe(RESUME_ANALYSIS_WORKFLOW);
    await recordHistory(handle, 'analyzed');
  });

  it('when the file is unreadable (422), then analyze is not retried, the content is still discarded and the run ends failed', async () => {
    const fake = await startFakeRecommendation({
      analyze: async (_request, reply) => problem(reply, 422, { code: 'RECOMMENDATION.RESUME_UNREADABLE', detail: 'Not a PDF, DOCX or text file' }),
    });
    cleanups.push(fake.close);
    const taskQueue = await startWorker(fake.url);
    const uploadId = randomUUID();

    const handle = await start(taskQueue, uploadId);
    await expect(handle.result()).resolves.toEqual<ResumeAnalysisResult>({ status: 'failed', reason: 'ResumeUnreadable' });

    expect(fake.calls.map(({ method, url }) => `${method} ${url}`)).toEqual([`POST /internal/resumes/${uploadId}/analysis`, `DELETE /internal/resumes/${uploadId}/content`]);
    expect(await status(handle)).toBe('failed');
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    await recordHistory(handle, 'unreadable');
  });

  it('when the service answers 503 twice, then analyze is retried with the same idempotency key and the third attempt succeeds', async () => {
    let attempts = 0;
    const fake = await startFakeRecommendation({
      analyze: async (request, reply) => (++attempts <= 2 ? problem(reply, 503, { title: 'Service Unavailable' }) : analyzed(3)(request, reply)),
    });
    cleanups.push(fake.close);
    const taskQueue = await startWorker(fake.url);
    const uploadId = randomUUID();

    const handle = await start(taskQueue, uploadId);
    await expect(handle.result()).resolves.toEqual<ResumeAnalysisResult>({ status: 'analyzed', skills: 3 });

    const posts = fake.calls.filter((call) => call.method === 'POST');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((call) => call.idempotencyKey))).toEqual(new Set([`resume-analysis:${uploadId}:analyze`]));
    expect(fake.calls.at(-1)).toMatchObject({ method: 'DELETE', url: `/internal/resumes/${uploadId}/content` });
    expect(fake.calls.filter((call) => call.method === 'DELETE')).toHaveLength(1);
    await recordHistory(handle, 'retried-after-503');
  });

  it('when the same upload is started twice, then the second start attaches to the running run and the resume is analysed once', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const analyzing = new Promise<void>((resolve) => (reached = resolve));
    const fake = await startFakeRecommendation({
      analyze: async (request, reply) => {
        reached();
        await released;
        return analyzed(5)(request, reply);
      },
    });
    cleanups.push(fake.close);
    const taskQueue = await startWorker(fake.url);
    const uploadId = randomUUID();

    const first = await start(taskQueue, uploadId);
    await analyzing;
    expect(await status(first)).toBe('analyzing');
    const second = await start(taskQueue, uploadId);
    expect(first.firstExecutionRunId).toEqual(expect.any(String));
    expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);
    release();

    await expect(second.result()).resolves.toEqual<ResumeAnalysisResult>({ status: 'analyzed', skills: 5 });
    // Once closed, a third start is refused rather than analysing again.
    await expect(start(taskQueue, uploadId)).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    expect(fake.calls.filter((call) => call.method === 'POST')).toHaveLength(1);
    await recordHistory(first, 'started-twice');
  });
});
