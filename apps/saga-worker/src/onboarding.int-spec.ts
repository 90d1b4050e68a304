import {
  ONBOARDING_CANCEL_UPDATE,
  ONBOARDING_CONFIRM_SKILLS_UPDATE,
  ONBOARDING_RETRY_COMPENSATIONS_SIGNAL,
  ONBOARDING_START_POLICY,
  ONBOARDING_STATUS_QUERY,
  ONBOARDING_WORKFLOW,
  onboardingWorkflowId,
  type ConfirmSkillsInput,
  type LearnerProfile,
  type OnboardingInput,
  type OnboardingResult,
  type OnboardingStatus,
} from '@pathwise/contracts';
import { AccessTokenVerifier, SERVICE_ROLES, ServiceTokenIssuer } from '@pathwise/platform/auth';
import { createOnboardingActivities, createResumeAnalysisActivities } from '@pathwise/saga/activities';
import type { onboarding } from '@pathwise/saga/workflows';
import { INTERCEPTOR_MODULES } from '@pathwise/saga/workflows/interceptor-modules';
import { Client, Connection, WorkflowFailedError, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import fastify, { type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { SAGA_WORKER_SUBJECT, workflowsPath } from './app.module';
import { installTestRuntime, recordHistory } from './testing';

const ISSUER = 'pathwise:saga-worker';

installTestRuntime('saga-worker-onboarding');

type Route =
  | 'putProfile'
  | 'deleteProfile'
  | 'enroll'
  | 'unenroll'
  | 'markKnown'
  | 'revertKnown'
  | 'complete'
  | 'analyze'
  | 'discard'
  | 'findings'
  | 'deleteAnalysis'
  | 'recommendations';
type Fault = { status: number; body?: Record<string, unknown> } | 'apply-then-hang' | undefined;
interface Call {
  route: Route;
  method: string;
  url: string;
  key?: string;
  authorization?: string;
  body?: unknown;
}
interface Answer {
  status: number;
  body?: unknown;
}

const FINDINGS = [
  { skillId: 'sql', status: 'claimed', confidence: 0.9, evidence: [{ section: 'experience', text: 'five years of SQL' }] },
  { skillId: 'docker', status: 'claimed', confidence: 0.7, evidence: [{ section: 'projects', text: 'Docker images' }] },
  { skillId: 'rust', status: 'aspirational', confidence: 0.5, evidence: [{ section: 'summary', text: 'want to learn Rust' }] },
];

/**
 * Progress's and recommendation's internal routes in one fake, with their real semantics:
 * state, idempotency keys (a repeated key answers the stored answer, 409 while in flight), and
 * faults injected per route and attempt. Every call is recorded.
 */
async function startFakeServices() {
  const server = fastify();
  const state = {
    profiles: new Map<string, LearnerProfile>(),
    enrollments: new Map<string, number>(),
    known: new Map<string, string>(),
    analyses: new Set<string>(),
    completed: new Set<string>(),
  };
  const calls: Call[] = [];
  const stored = new Map<string, Answer | 'in-flight'>();
  const attempts = new Map<Route, number>();
  const hangs: (() => void)[] = [];
  const fake = {
    state,
    calls,
    url: '',
    fault: (_route: Route, _attempt: number): Fault => undefined,
    routes: () => calls.map((call) => call.route),
    release: () => hangs.splice(0).forEach((resolve) => resolve()),
    close: async () => {
      fake.release();
      await server.close();
    },
    /** Everything the saga can leave behind, for "nothing left" checks. */
    leftovers: () => ({ profiles: [...state.profiles.keys()], enrollments: [...state.enrollments.keys()], known: [...state.known.keys()], analyses: [...state.analyses], completed: [...state.completed] }),
  };
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body === '' ? undefined : JSON.parse(body as string)));

  function route(name: Route, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, apply: (request: FastifyRequest, params: Record<string, string>) => Answer) {
    server.route({
      method,
      url,
      handler: async (request, reply) => {
        const attempt = (attempts.get(name) ?? 0) + 1;
        attempts.set(name, attempt);
        const key = request.headers['idempotency-key'] as string | undefined;
        calls.push({ route: name, method, url: request.url, key, authorization: request.headers.authorization, body: request.body });
        const fault = fake.fault(name, attempt);
        if (fault !== undefined && fault !== 'apply-then-hang') {
          return reply.code(fault.status).header('content-type', 'application/problem+json').send(JSON.stringify({ status: fault.status, ...fault.body }));
        }
        const prior = key === undefined ? undefined : stored.get(key);
        if (prior === 'in-flight') return reply.code(409).send({ code: 'IDEMPOTENCY.IN_FLIGHT' });
        const answer = prior ?? apply(request, request.params as Record<string, string>);
        if (key !== undefined) stored.set(key, answer);
        // The effect is committed with its idempotency record; only the answer never arrives.
        if (fault === 'apply-then-hang') await new Promise<void>((resolve) => hangs.push(resolve));
        return answer.body === undefined ? reply.code(answer.status).send() : reply.code(answer.status).send(answer.body);
      },
    });
  }

  const body = <T>(request: FastifyRequest) => request.body as T;
  route('putProfile', 'PUT', '/internal/learners/:learnerId/profile', (request, { learnerId }) => {
    const next = body<{ timeZone: string; weeklyHours?: number; goalSkillId?: string }>(request);
    const previous = state.profiles.get(learnerId!) ?? null;
    state.profiles.set(learnerId!, { timeZone: next.timeZone, weeklyHours: next.weeklyHours ?? null, goalSkillId: next.goalSkillId ?? null });
    return { status: 200, body: { previous } };
  });
  route('deleteProfile', 'DELETE', '/internal/learners/:learnerId/profile', (_request, { learnerId }) => {
    state.profiles.delete(learnerId!);
    return { status: 204 };
  });
  route('enroll', 'POST', '/internal/learners/:learnerId/enrollments', (request, { learnerId }) => {
    const { roadmapId } = body<{ roadmapId: string }>(request);
    const existed = state.enrollments.has(`${learnerId}/${roadmapId}`);
    state.enrollments.set(`${learnerId}/${roadmapId}`, 3);
    return { status: existed ? 200 : 201, body: { created: !existed, roadmapId, version: 3 } };
  });
  route('unenroll', 'DELETE', '/internal/learners/:learnerId/enrollments/:roadmapId', (_request, { learnerId, roadmapId }) => {
    state.enrollments.delete(`${learnerId}/${roadmapId}`);
    return { status: 204 };
  });
  route('markKnown', 'POST', '/internal/learners/:learnerId/enrollments/:roadmapId/known-skills', (request, { learnerId, roadmapId }) => {
    const changed = [];
    for (const { skillId } of body<{ skills: { skillId: string }[] }>(request).skills) {
      const previousStatus = state.known.get(`${learnerId}/${roadmapId}/${skillId}`) ?? 'pending';
      if (previousStatus === 'known') continue;
      state.known.set(`${learnerId}/${roadmapId}/${skillId}`, 'known');
      changed.push({ skillId, previousStatus });
    }
    return { status: 200, body: { changed } };
  });
  route('revertKnown', 'POST', '/internal/learners/:learnerId/enrollments/:roadmapId/known-skills/revert', (request, { learnerId, roadmapId }) => {
    for (const { skillId, previousStatus } of body<{ changed: { skillId: string; previousStatus: string }[] }>(request).changed) {
      if (previousStatus === 'pending') state.known.delete(`${learnerId}/${roadmapId}/${skillId}`);
      else state.known.set(`${learnerId}/${roadmapId}/${skillId}`, previousStatus);
    }
    return { status: 200, body: {} };
  });
  route('complete', 'POST', '/internal/learners/:learnerId/onboarding/complete', (_request, { learnerId }) => {
    state.completed.add(learnerId!);
    return { status: 200, body: {} };
  });
  route('analyze', 'POST', '/internal/resumes/:uploadId/analysis', (_request, { uploadId }) => {
    state.analyses.add(uploadId!);
    return { status: 200, body: { uploadId, status: 'analyzed', skills: FINDINGS.length } };
  });
  route('discard', 'DELETE', '/internal/resumes/:uploadId/content', () => ({ status: 204 }));
  route('findings', 'GET', '/internal/resumes/:uploadId', (_request, { uploadId }) =>
    state.analyses.has(uploadId!) ? { status: 200, body: { uploadId, status: 'analyzed', skills: FINDINGS } } : { status: 404, body: { code: 'RECOMMENDATION.RESUME_NOT_FOUND' } },
  );
  route('deleteAnalysis', 'DELETE', '/internal/resumes/:uploadId/analysis', (_request, { uploadId }) => {
    state.analyses.delete(uploadId!);
    return { status: 204 };
  });
  route('recommendations', 'GET', '/internal/learners/:learnerId/recommendations/next', (request) => {
    const { roadmapId } = request.query as { roadmapId: string };
    return { status: 200, body: { roadmaps: [{ roadmapId, next: [{ skillId: 'indexes', rank: 1, explanation: { because: 'sql' } }] }] } };
  });

  await server.listen({ port: 0, host: '127.0.0.1' });
  fake.url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return fake;
}

const problem = (status: number, code: string): Fault => ({ status, body: { code, detail: `${code} (from the fake)` } });
const until = async <T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('onboarding workflow on the local Temporal server, with its real activities over HTTP', () => {
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let client: Client;
  let tokens: ServiceTokenIssuer;
  let workflowBundle: WorkflowBundleWithSourceMap;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const address = process.env['TEMPORAL_ADDRESS'] as string;
    nativeConnection = await NativeConnection.connect({ address });
    connection = await Connection.connect({ address });
    client = new Client({ connection, namespace: process.env['TEMPORAL_NAMESPACE'] ?? 'default' });
    tokens = new ServiceTokenIssuer({ issuer: ISSUER, subject: SAGA_WORKER_SUBJECT, seeds: [randomBytes(32).toString('hex')] });
    // One bundle for every worker of this file: bundling is the slow part of Worker.create.
    workflowBundle = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: INTERCEPTOR_MODULES, logger: new DefaultLogger('ERROR', () => undefined) });
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
  });

  async function setUp() {
    const fake = await startFakeServices();
    cleanups.push(fake.close);
    const taskQueue = `onboarding-${randomUUID()}`;
    const services = { baseUrl: fake.url, tokens };
    const worker = await Worker.create({
      connection: nativeConnection,
      namespace: client.options.namespace,
      taskQueue,
      workflowBundle,
      activities: {
        ...createResumeAnalysisActivities({ recommendation: services, timeoutMs: 1_000 }),
        ...createOnboardingActivities({ progress: services, recommendation: services, timeoutMs: 1_000 }),
      },
    });
    const running = worker.run();
    cleanups.push(async () => {
      worker.shutdown();
      await running;
    });
    const learnerId = randomUUID();
    const uploadId = randomUUID();
    const start = (overrides: Partial<OnboardingInput> = {}) =>
      client.workflow.start<typeof onboarding>(ONBOARDING_WORKFLOW, {
        taskQueue,
        workflowId: onboardingWorkflowId(learnerId),
        args: [{ learnerId, roadmapId: 'backend', timeZone: 'Europe/Berlin', weeklyHours: 6, resumeUploadId: uploadId, ...overrides }],
        ...ONBOARDING_START_POLICY,
      });
    return { fake, learnerId, uploadId, start, taskQueue };
  }

  const status = (handle: WorkflowHandle) => handle.query<OnboardingStatus>(ONBOARDING_STATUS_QUERY);
  const awaitingConfirmation = (handle: WorkflowHandle) => until(() => status(handle), (current) => current.awaitingConfirmation);
  const confirm = (handle: WorkflowHandle, decision: ConfirmSkillsInput) => handle.executeUpdate<ConfirmSkillsInput, [ConfirmSkillsInput]>(ONBOARDING_CONFIRM_SKILLS_UPDATE, { args: [decision] });

  /** Confirms `sql`, rejects `docker` once the run waits, unless it ended before. */
  async function runToEnd(handle: WorkflowHandle<typeof onboarding>): Promise<OnboardingResult> {
    const result = handle.result();
    const confirming = (async () => {
      const current = await until(() => status(handle), (value) => value.awaitingConfirmation || value.outcome !== undefined);
      if (current.awaitingConfirmation) await confirm(handle, { confirmed: ['sql'], rejected: ['docker'] });
    })();
    await confirming;
    return result;
  }

  const progressVerifier = () => new AccessTokenVerifier({ issuer: ISSUER, audience: 'pathwise:progress', jwks: tokens.jwks, roles: SERVICE_ROLES });
  const recommendationVerifier = () => new AccessTokenVerifier({ issuer: ISSUER, audience: 'pathwise:recommendation', jwks: tokens.jwks, roles: SERVICE_ROLES });

  it('when the learner confirms a detected skill, then every step calls its service once, in order (independent ones side by side), with a service token and its key, and the run completes', async () => {
    const { fake, learnerId, uploadId, start } = await setUp();
    const handle = await start();
    expect(handle.workflowId).toBe(`onboarding:${learnerId}`);

    await awaitingConfirmation(handle);
    expect(await status(handle)).toEqual<OnboardingStatus>({
      step: 'confirm-skills',
      awaitingConfirmation: true,
      compensated: [],
      detectedSkills: [
        { skillId: 'sql', confidence: 0.9, evidence: ['five years of SQL'] },
        { skillId: 'docker', confidence: 0.7, evidence: ['Docker images'] },
      ],
    });
    // The validator: only detected skills, each decided once.
    await expect(confirm(handle, { confirmed: ['rust'], rejected: ['sql', 'docker'] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(confirm(handle, { confirmed: ['sql'], rejected: [] })).rejects.toMatchObject({ cause: { type: 'InvalidSkillDecision', message: expect.stringContaining('missing: docker') } });
    await expect(confirm(handle, { confirmed: ['sql'], rejected: ['docker'] })).resolves.toEqual({ confirmed: ['sql'], rejected: ['docker'] });

    await expect(handle.result()).resolves.toEqual<OnboardingResult>({
      outcome: 'completed',
      enrollment: { roadmapId: 'backend', version: 3, created: true },
      resume: { uploadId, status: 'analyzed' },
      skills: { confirmed: ['sql'], rejected: ['docker'], timedOut: false },
      recommendations: [{ skillId: 'indexes', rank: 1, explanation: { because: 'sql' } }],
    });
    // Scoped to the run: a later onboarding of this learner is another run with keys of its own.
    const key = (step: string) => `onboarding:${learnerId}:${handle.firstExecutionRunId}:${step}`;
    const calls = fake.calls.map(({ method, url, key, body }) => ({ method, url, key, body }));
    // Profile and enrollment go out together, and so do the recommendations and the completion.
    expect(calls.slice(0, 2)).toEqual(
      expect.arrayContaining([
        { method: 'PUT', url: `/internal/learners/${learnerId}/profile`, key: key('profile'), body: { timeZone: 'Europe/Berlin', weeklyHours: 6 } },
        { method: 'POST', url: `/internal/learners/${learnerId}/enrollments`, key: key('enroll'), body: { roadmapId: 'backend' } },
      ]),
    );
    expect(calls.slice(2, -2)).toEqual([
      { method: 'POST', url: `/internal/resumes/${uploadId}/analysis`, key: `resume-analysis:${uploadId}:analyze`, body: undefined },
      { method: 'DELETE', url: `/internal/resumes/${uploadId}/content`, key: undefined, body: undefined },
      { method: 'GET', url: `/internal/resumes/${uploadId}?learnerId=${learnerId}`, key: undefined, body: undefined },
      {
        method: 'POST',
        url: `/internal/learners/${learnerId}/enrollments/backend/known-skills`,
        key: key('mark-known'),
        body: { skills: [{ skillId: 'sql', evidenceRef: `resume:${uploadId}` }] },
      },
    ]);
    expect(calls.slice(-2)).toEqual(
      expect.arrayContaining([
        { method: 'GET', url: `/internal/learners/${learnerId}/recommendations/next?roadmapId=backend&limit=5`, key: undefined, body: undefined },
        { method: 'POST', url: `/internal/learners/${learnerId}/onboarding/complete`, key: key('complete'), body: { roadmapId: 'backend', workflowId: handle.workflowId, runId: handle.firstExecutionRunId } },
      ]),
    );
    for (const call of fake.calls) {
      const verifier = call.url.startsWith('/internal/resumes') || call.route === 'recommendations' ? recommendationVerifier() : progressVerifier();
      await expect(verifier.verify(String(call.authorization).replace(/^Bearer /, ''))).resolves.toMatchObject({ subject: 'saga-worker', roles: ['service'] });
    }
    expect(fake.state.known.get(`${learnerId}/backend/sql`)).toBe('known');
    expect(await status(handle)).toMatchObject({ step: 'done', outcome: 'completed', awaitingConfirmation: false });
    // A closed run takes no Update at all (the server answers not found).
    await expect(handle.executeUpdate(ONBOARDING_CANCEL_UPDATE)).rejects.toThrow();
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    // Recorded with every patch; onboarding-completed.json stays as recorded before any, for the replay of older runs.
    await recordHistory(handle, 'onboarding-completed-patched');
  });

  // Each step refused for good in turn: the earlier steps are undone once, in reverse order.
  it.each([
    // The enrollment went out beside the profile: it is undone.
    { step: 'profile', route: 'putProfile', fault: problem(422, 'PROGRESS.INVALID_TIME_ZONE'), type: 'OnboardingRejected', undone: ['unenroll'] },
    { step: 'enroll', route: 'enroll', fault: problem(404, 'PROGRESS.ROADMAP_NOT_FOUND'), type: 'OnboardingNotFound', undone: ['deleteProfile'] },
    { step: 'resume-analysis', route: 'findings', fault: problem(404, 'RECOMMENDATION.RESUME_NOT_FOUND'), type: 'OnboardingNotFound', undone: ['deleteAnalysis', 'unenroll', 'deleteProfile'] },
    { step: 'mark-known', route: 'markKnown', fault: problem(422, 'PROGRESS.SKILL_NOT_IN_ROADMAP'), type: 'OnboardingRejected', undone: ['deleteAnalysis', 'unenroll', 'deleteProfile'] },
    { step: 'complete', route: 'complete', fault: problem(422, 'PROGRESS.ONBOARDING_REFUSED'), type: 'OnboardingRejected', undone: ['revertKnown', 'deleteAnalysis', 'unenroll', 'deleteProfile'] },
  ] as const)('when $step is refused for good, then the run ends failed with the cause after undoing the earlier steps in reverse, once each', async ({ step, route, fault, type, undone }) => {
    const { fake, learnerId, start } = await setUp();
    fake.fault = (name) => (name === route ? fault : undefined);
    const handle = await start();

    const result = await runToEnd(handle);

    const code = typeof fault === 'object' ? String(fault.body?.['code']) : '';
    expect(result).toMatchObject({ outcome: 'failed', failure: { step, type, message: expect.stringContaining(code) } });
    expect(fake.calls.filter((call) => call.route === route)).toHaveLength(1);
    const compensations = fake.routes().filter((name) => ['deleteProfile', 'putProfile', 'unenroll', 'revertKnown', 'deleteAnalysis'].includes(name));
    // The first putProfile is the step itself; a restore would be a second one.
    expect(compensations.slice(1)).toEqual(undone);
    expect(fake.leftovers()).toEqual({ profiles: [], enrollments: [], known: [], analyses: [], completed: [] });
    expect(fake.calls.filter((call) => call.key?.endsWith(':compensate')).every((call) => call.key?.startsWith(`onboarding:${learnerId}:${handle.firstExecutionRunId}:`))).toBe(true);
    expect(await status(handle)).toMatchObject({ step: 'done', outcome: 'failed', failure: { step, type } });
    await recordHistory(handle, `onboarding-failed-at-${step}`);
  });

  it('when completion is refused while recommendation has not seen the enrollment yet, then the read stops and the steps are undone without waiting for it', async () => {
    const { fake, start } = await setUp();
    fake.fault = (name) => (name === 'recommendations' ? problem(404, 'RECOMMENDATION.NOT_ENROLLED') : name === 'complete' ? problem(422, 'PROGRESS.ONBOARDING_REFUSED') : undefined);
    const handle = await start({ resumeUploadId: undefined });
    const began = Date.now();

    const result = await handle.result();

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'complete', type: 'OnboardingRejected' }, compensated: ['enroll', 'profile'] });
    expect(result.recommendations).toBeUndefined();
    // The read would retry NOT_ENROLLED for two minutes.
    expect(Date.now() - began).toBeLessThan(30_000);
    expect(fake.routes()).toContain('recommendations');
    expect(fake.leftovers()).toEqual({ profiles: [], enrollments: [], known: [], analyses: [], completed: [] });
    await recordHistory(handle, 'onboarding-failed-at-complete-while-reading');
  });

  it('when a step times out after its effect, then the retry gets the stored answer under the same key, and a later failure still undoes it', async () => {
    const { fake, learnerId, start } = await setUp();
    fake.fault = (name, attempt) => (name === 'enroll' && attempt === 1 ? 'apply-then-hang' : name === 'complete' ? problem(422, 'PROGRESS.ONBOARDING_REFUSED') : undefined);
    const handle = await start({ resumeUploadId: undefined });

    const result = await handle.result();

    expect(result).toMatchObject({ outcome: 'failed', failure: { step: 'complete' }, compensated: ['enroll', 'profile'] });
    const enrolls = fake.calls.filter((call) => call.route === 'enroll');
    expect(enrolls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(enrolls.map((call) => call.key))).toEqual(new Set([`onboarding:${learnerId}:${handle.firstExecutionRunId}:enroll`]));
    expect(fake.calls.filter((call) => call.route === 'unenroll')).toHaveLength(1);
    expect(fake.leftovers()).toEqual({ profiles: [], enrollments: [], known: [], analyses: [], completed: [] });
    await recordHistory(handle, 'onboarding-step-timed-out');
  });

  it('when cancelled while a step hangs after its effect, then the compensation learns the effect under the same key and undoes it too', async () => {
    const { fake, learnerId, start } = await setUp();
    fake.fault = (name, attempt) => (name === 'markKnown' && attempt === 1 ? 'apply-then-hang' : undefined);
    const handle = await start();
    await awaitingConfirmation(handle);
    await confirm(handle, { confirmed: ['sql', 'docker'], rejected: [] });
    await until(async () => fake.routes(), (routes) => routes.includes('markKnown'));

    await expect(handle.executeUpdate(ONBOARDING_CANCEL_UPDATE)).resolves.toEqual({ step: 'mark-known' });
    fake.release();
    const result = await handle.result();

    expect(result).toMatchObject({ outcome: 'cancelled', compensated: ['mark-known', 'resume-analysis', 'enroll', 'profile'] });
    expect(result.failure).toBeUndefined();
    const reverts = fake.calls.filter((call) => call.route === 'revertKnown');
    expect(reverts.map((call) => call.body)).toEqual([{ changed: [{ skillId: 'sql', previousStatus: 'pending' }, { skillId: 'docker', previousStatus: 'pending' }] }]);
    expect(reverts[0]?.key).toBe(`onboarding:${learnerId}:${handle.firstExecutionRunId}:mark-known:compensate`);
    expect(fake.leftovers()).toEqual({ profiles: [], enrollments: [], known: [], analyses: [], completed: [] });
    await recordHistory(handle, 'onboarding-cancelled-in-flight');
  });

  it('when cancelled while waiting for the confirmation, then the earlier steps are undone, nothing is left, and the status says cancelled', async () => {
    const { fake, learnerId, start } = await setUp();
    // A profile existed before: it is restored, not deleted.
    fake.state.profiles.set(learnerId, { timeZone: 'UTC', weeklyHours: null, goalSkillId: 'sql' });
    const handle = await start();
    await awaitingConfirmation(handle);

    await expect(handle.executeUpdate(ONBOARDING_CANCEL_UPDATE)).resolves.toEqual({ step: 'confirm-skills' });
    await expect(handle.result()).resolves.toMatchObject({ outcome: 'cancelled', compensated: ['resume-analysis', 'enroll', 'profile'] });

    expect(fake.routes().slice(-3)).toEqual(['deleteAnalysis', 'unenroll', 'putProfile']);
    expect(fake.calls.at(-1)).toMatchObject({ body: { timeZone: 'UTC', goalSkillId: 'sql' }, key: `onboarding:${learnerId}:${handle.firstExecutionRunId}:profile:compensate` });
    expect(fake.state.profiles.get(learnerId)).toEqual({ timeZone: 'UTC', weeklyHours: null, goalSkillId: 'sql' });
    fake.state.profiles.delete(learnerId);
    expect(fake.leftovers()).toEqual({ profiles: [], enrollments: [], known: [], analyses: [], completed: [] });
    expect(await status(handle)).toMatchObject({ step: 'done', outcome: 'cancelled', awaitingConfirmation: false });
    await expect(confirm(handle, { confirmed: ['sql'], rejected: ['docker'] })).rejects.toThrow();
    await recordHistory(handle, 'onboarding-cancelled');
  });

  it('when a compensation fails once, then it is retried under the same key and the run still ends failed with everything undone', async () => {
    const { fake, learnerId, start } = await setUp();
    fake.state.enrollments.set(`${learnerId}/other`, 1);
    fake.fault = (name, attempt) => (name === 'complete' ? problem(422, 'PROGRESS.ONBOARDING_REFUSED') : name === 'unenroll' && attempt === 1 ? problem(503, 'UNAVAILABLE') : undefined);
    const handle = await start({ resumeUploadId: undefined });

    await expect(handle.result()).resolves.toMatchObject({ outcome: 'failed', failure: { step: 'complete' }, compensated: ['enroll', 'profile'] });

    const unenrolls = fake.calls.filter((call) => call.route === 'unenroll');
    expect(unenrolls.map((call) => call.key)).toEqual([`onboarding:${learnerId}:${handle.firstExecutionRunId}:enroll:compensate`, `onboarding:${learnerId}:${handle.firstExecutionRunId}:enroll:compensate`]);
    fake.state.enrollments.delete(`${learnerId}/other`);
    expect(fake.leftovers()).toEqual({ profiles: [], enrollments: [], known: [], analyses: [], completed: [] });
    await recordHistory(handle, 'onboarding-compensation-retried');
  });

  it('when a compensation keeps failing, then the run shows needs-attention with the cause, and a retryCompensations signal finishes the undo', async () => {
    const { fake, start } = await setUp();
    let revertBroken = true;
    fake.fault = (name) => (name === 'complete' ? problem(422, 'PROGRESS.ONBOARDING_REFUSED') : name === 'revertKnown' && revertBroken ? problem(422, 'PROGRESS.REVERT_REFUSED') : undefined);
    const handle = await start();
    const result = runToEnd(handle);

    const stuck = await until(() => status(handle), (current) => current.step === 'needs-attention');
    expect(stuck).toMatchObject({
      step: 'needs-attention',
      failure: { step: 'complete', type: 'OnboardingRejected' },
      needsAttention: { compensation: 'mark-known', type: 'OnboardingRejected', message: expect.stringContaining('PROGRESS.REVERT_REFUSED') },
      compensated: [],
    });
    expect(stuck.outcome).toBeUndefined();

    revertBroken = false;
    await handle.signal(ONBOARDING_RETRY_COMPENSATIONS_SIGNAL);
    await expect(result).resolves.toMatchObject({ outcome: 'failed', failure: { step: 'complete' }, compensated: ['mark-known', 'resume-analysis', 'enroll', 'profile'] });
    expect(await status(handle)).not.toHaveProperty('needsAttention');
    expect(fake.leftovers()).toEqual({ profiles: [], enrollments: [], known: [], analyses: [], completed: [] });
    await recordHistory(handle, 'onboarding-needs-attention-retried');
  });

  it('when nobody retries a stuck compensation before the attention timeout, then the run fails in Temporal, never a silent success', async () => {
    const { fake, start } = await setUp();
    fake.fault = (name) => (name === 'complete' ? problem(422, 'PROGRESS.ONBOARDING_REFUSED') : name === 'unenroll' ? problem(422, 'PROGRESS.UNENROLL_REFUSED') : undefined);
    const handle = await start({ resumeUploadId: undefined, attentionTimeout: '2s' });

    const failure = await handle.result().then(() => undefined, (error: unknown) => error);

    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause).toMatchObject({ type: 'OnboardingCompensationFailed', message: expect.stringContaining('compensation enroll') });
    expect((await handle.describe()).status.name).toBe('FAILED');
    expect(fake.leftovers().profiles).toHaveLength(1);
    await recordHistory(handle, 'onboarding-needs-attention-gave-up');
  });

  it('when the learner never answers, then after the confirmation timeout nothing is marked known, the suggestions stay in the result and the run completes', async () => {
    const { fake, start } = await setUp();
    const handle = await start({ confirmationTimeout: '2s' });

    await expect(handle.result()).resolves.toMatchObject({
      outcome: 'completed',
      skills: { confirmed: [], rejected: [], timedOut: true, suggested: [{ skillId: 'sql' }, { skillId: 'docker' }] },
    });
    expect(fake.routes()).not.toContain('markKnown');
    expect(fake.routes().slice(-2).sort()).toEqual(['complete', 'recommendations']);
    await recordHistory(handle, 'onboarding-confirmation-timed-out');
  });

  it('when the same onboarding is started twice, then the second start attaches to the running run and each step has one effect', async () => {
    const { fake, start } = await setUp();
    const first = await start();
    await awaitingConfirmation(first);
    const second = await start();
    expect(second.firstExecutionRunId).toBe(first.firstExecutionRunId);

    await confirm(second, { confirmed: ['sql'], rejected: ['docker'] });
    await expect(first.result()).resolves.toMatchObject({ outcome: 'completed' });
    expect(fake.routes().slice(0, 2).sort()).toEqual(['enroll', 'putProfile']);
    expect(fake.routes().slice(2, -2)).toEqual(['analyze', 'discard', 'findings', 'markKnown']);
    expect(fake.routes().slice(-2).sort()).toEqual(['complete', 'recommendations']);
    await recordHistory(first, 'onboarding-started-twice');
  });

  it('when a learner onboards again after an onboarding was cancelled, then the new run calls with keys of its own and every step takes effect again', async () => {
    const { fake, learnerId, start } = await setUp();
    const first = await start();
    await awaitingConfirmation(first);
    await first.executeUpdate(ONBOARDING_CANCEL_UPDATE);
    await expect(first.result()).resolves.toMatchObject({ outcome: 'cancelled' });
    expect(fake.leftovers()).toEqual({ profiles: [], enrollments: [], known: [], analyses: [], completed: [] });
    const firstCalls = fake.calls.length;

    // The first run's analysis was undone with it: the learner uploads the resume again.
    const uploadId = randomUUID();
    const second = await start({ resumeUploadId: uploadId });
    expect(second.firstExecutionRunId).not.toBe(first.firstExecutionRunId);
    await expect(runToEnd(second)).resolves.toMatchObject({ outcome: 'completed', enrollment: { created: true }, skills: { confirmed: ['sql'] } });

    // Under the first run's keys the fake would have answered the stored (undone) effects and applied nothing.
    const keyed = (calls: Call[]) => calls.filter((call) => call.key?.startsWith('onboarding:')).map((call) => call.key as string);
    const firstKeys = keyed(fake.calls.slice(0, firstCalls));
    const secondKeys = keyed(fake.calls.slice(firstCalls));
    expect(firstKeys.every((key) => key.startsWith(`onboarding:${learnerId}:${first.firstExecutionRunId}:`))).toBe(true);
    expect(secondKeys.sort()).toEqual(['complete', 'enroll', 'mark-known', 'profile'].map((step) => `onboarding:${learnerId}:${second.firstExecutionRunId}:${step}`));
    expect(fake.calls.filter((call) => call.route === 'complete').map((call) => call.body)).toEqual([{ roadmapId: 'backend', workflowId: second.workflowId, runId: second.firstExecutionRunId }]);
    expect(fake.leftovers()).toEqual({ profiles: [learnerId], enrollments: [`${learnerId}/backend`], known: [`${learnerId}/backend/sql`], analyses: [uploadId], completed: [learnerId] });
    await recordHistory(second, 'onboarding-onboarded-again');
  });

  it('when recommendation has not seen the enrollment yet, then the read is retried until it has, and a refusal there does not fail the onboarding', async () => {
    const { fake, start } = await setUp();
    fake.fault = (name, attempt) => (name === 'recommendations' && attempt <= 2 ? problem(404, 'RECOMMENDATION.NOT_ENROLLED') : undefined);
    await expect((await start({ resumeUploadId: undefined })).result()).resolves.toMatchObject({ outcome: 'completed', recommendations: [{ skillId: 'indexes' }] });
    expect(fake.routes().filter((name) => name === 'recommendations')).toHaveLength(3);

    const other = await setUp();
    other.fake.fault = (name) => (name === 'recommendations' ? problem(400, 'RECOMMENDATION.BAD_QUERY') : undefined);
    const result = await (await other.start({ resumeUploadId: undefined })).result();
    expect(result).toMatchObject({ outcome: 'completed' });
    expect(result.recommendations).toBeUndefined();
    expect(other.fake.routes().filter((name) => name === 'complete')).toHaveLength(1);
  });

  it('when the resume was analysed before the onboarding, then its findings are used and a failure does not delete that analysis', async () => {
    const { fake, uploadId, start, taskQueue } = await setUp();
    // The upload's own run, as the gateway starts it.
    await client.workflow.execute('resumeAnalysis', { taskQueue, workflowId: `resume-analysis:${uploadId}`, args: [{ uploadId, learnerId: randomUUID() }] });
    fake.fault = (name) => (name === 'markKnown' ? problem(422, 'PROGRESS.SKILL_NOT_IN_ROADMAP') : undefined);
    const handle = await start();

    await expect(runToEnd(handle)).resolves.toMatchObject({ outcome: 'failed', resume: { status: 'analyzed' }, failure: { step: 'mark-known' } });
    expect(fake.routes().filter((name) => name === 'analyze')).toHaveLength(1);
    expect(fake.routes()).not.toContain('deleteAnalysis');
    expect(fake.leftovers().analyses).toEqual([uploadId]);
    await recordHistory(handle, 'onboarding-resume-analysed-before');
  });
});
