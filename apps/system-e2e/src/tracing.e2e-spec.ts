import { waitFor } from '@pathwise/platform/testing';
import { LearnerEnrolled, RecommendationsUpdated } from '@pathwise/contracts';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPlatform, type RunningPlatform } from './testing';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ExportedSpan {
  service: string;
  name: string;
  kind: 'server' | 'client' | 'producer' | 'consumer' | 'internal';
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'] as const;

/** An OTLP/HTTP JSON receiver (what a collector listens on at /v1/traces), keeping every span it is sent. */
async function startOtlpReceiver(): Promise<{ url: string; spans: ExportedSpan[]; close(): Promise<void> }> {
  const spans: ExportedSpan[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as Json;
      for (const resourceSpans of body['resourceSpans'] ?? []) {
        const service = (resourceSpans.resource?.attributes ?? []).find((attribute: Json) => attribute['key'] === 'service.name')?.value?.stringValue;
        for (const scope of resourceSpans.scopeSpans ?? [])
          for (const span of scope.spans ?? [])
            spans.push({
              service,
              name: span.name,
              kind: KINDS[span.kind] as ExportedSpan['kind'],
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              attributes: Object.fromEntries((span.attributes ?? []).map((attribute: Json) => [attribute['key'], Object.values(attribute['value'] ?? {})[0]])),
            });
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Traces as an operator gets them: every process built from dist/ and started with the standard
 * OTEL_* variables exports its spans over OTLP/HTTP to a collector (here, the test's receiver).
 */
describe('tracing across the platform (OTLP from separate processes)', () => {
  const OTEL_ENV = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_PROTOCOL', 'OTEL_BSP_SCHEDULE_DELAY'];
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let platform: RunningPlatform;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    // Children inherit this process's environment (startChild).
    Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_BSP_SCHEDULE_DELAY: '100' });
    platform = await startPlatform({ principalPerMinute: 10_000, sagaWorker: true });
  }, 120_000);

  afterAll(async () => {
    for (const key of OTEL_ENV) delete process.env[key];
    await platform?.close();
    await receiver?.close();
  });

  it('when a learner enrolls through the gateway, then one trace spans the gateway, progress, its outbox relay and the recommendation consumer, each span the child of the one before', async () => {
    const [gateway] = platform.gateways;
    const email = `traced-${randomUUID()}@example.test`;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${gateway}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post('/v1/auth/sign-up', { email, password: 'correct horse battery staple' })).status).toBe(201);
    const { accessToken } = (await (await post('/v1/auth/login', { email, password: 'correct horse battery staple' })).json()) as { accessToken: string };

    const enrolled = await post('/v1/enrollments', { roadmapId: 'backend' }, { authorization: `Bearer ${accessToken}`, 'idempotency-key': `"${randomUUID()}"` });
    expect(enrolled.status).toBe(201);
    const { enrollmentId } = (await enrolled.json()) as { enrollmentId: string };

    const find = (predicate: (span: ExportedSpan) => boolean) => receiver.spans.find(predicate);
    const gatewayServer = await waitFor(async () => find((s) => s.service === 'gateway' && s.kind === 'server' && s.name === 'POST /v1/enrollments'), Boolean, 10_000, 'the gateway server span');
    const inTrace = (span: ExportedSpan) => span.traceId === gatewayServer?.traceId;
    const gatewayClient = await waitFor(async () => find((s) => inTrace(s) && s.service === 'gateway' && s.kind === 'client'), Boolean, 10_000, 'the gateway client span');
    const progressServer = await waitFor(async () => find((s) => inTrace(s) && s.service === 'progress' && s.kind === 'server'), Boolean, 10_000, 'the progress server span');
    const published = await waitFor(
      async () => find((s) => inTrace(s) && s.service === 'progress' && s.kind === 'producer' && s.attributes['messaging.kafka.message.key'] === enrollmentId),
      Boolean,
      20_000,
      'the progress relay publish span',
    );
    const consumed = await waitFor(
      async () => find((s) => inTrace(s) && s.service === 'recommendation' && s.kind === 'consumer' && s.attributes['cloudevents.event_type'] === LearnerEnrolled.type),
      Boolean,
      30_000,
      'the recommendation consumer span',
    );
    const republished = await waitFor(
      async () => find((s) => inTrace(s) && s.service === 'recommendation' && s.kind === 'producer' && s.attributes['messaging.destination.name'] === RecommendationsUpdated.topic),
      Boolean,
      30_000,
      'the recommendation relay publish span',
    );

    expect(gatewayServer?.parentSpanId).toBeUndefined();
    expect(gatewayClient?.parentSpanId).toBe(gatewayServer?.spanId);
    expect(progressServer).toMatchObject({ name: 'POST /enrollments', parentSpanId: gatewayClient?.spanId, attributes: { 'http.response.status_code': 201 } });
    expect(published).toMatchObject({ name: `publish ${LearnerEnrolled.topic}`, parentSpanId: progressServer?.spanId });
    expect(consumed).toMatchObject({ parentSpanId: published?.spanId, attributes: { 'messaging.consumer.group.name': expect.stringMatching(/^recommendation\./) } });
    // The event the consumer appended in its inbox transaction carries the trace on.
    expect(republished?.parentSpanId).toBe(consumed?.spanId);
  });

  it('when a learner starts onboarding through the gateway, then the workflow start, the saga-worker\'s activities and the services they call are in the gateway request\'s trace', async () => {
    const [gateway] = platform.gateways;
    const email = `traced-onboarding-${randomUUID()}@example.test`;
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${gateway}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post('/v1/auth/sign-up', { email, password: 'correct horse battery staple' })).status).toBe(201);
    const { accessToken } = (await (await post('/v1/auth/login', { email, password: 'correct horse battery staple' })).json()) as { accessToken: string };

    const started = await post('/v1/onboarding', { roadmapId: 'backend', timeZone: 'Europe/Paris', weeklyHours: 5 }, { authorization: `Bearer ${accessToken}`, 'idempotency-key': `"${randomUUID()}"` });
    expect(started.status).toBe(202);

    const find = (predicate: (span: ExportedSpan) => boolean) => receiver.spans.find(predicate);
    const gatewayServer = await waitFor(async () => find((s) => s.service === 'gateway' && s.kind === 'server' && s.name === 'POST /v1/onboarding' && s.attributes['http.response.status_code'] === 202), Boolean, 10_000, 'the gateway server span');
    const inTrace = (span: ExportedSpan) => span.traceId === gatewayServer?.traceId;
    const startWorkflow = await waitFor(async () => find((s) => inTrace(s) && s.service === 'gateway' && s.name === 'StartWorkflow:onboarding'), Boolean, 10_000, 'the workflow start span');
    const enrollActivity = await waitFor(async () => find((s) => inTrace(s) && s.service === 'saga-worker' && s.name === 'RunActivity:enroll'), Boolean, 30_000, 'the enroll activity span');
    const progressEnroll = await waitFor(
      async () => find((s) => inTrace(s) && s.service === 'progress' && s.kind === 'server' && s.parentSpanId === enrollActivity?.spanId),
      Boolean,
      10_000,
      'the progress span of the enroll call',
    );

    expect(startWorkflow).toMatchObject({ kind: 'client', parentSpanId: gatewayServer?.spanId, attributes: { 'temporal.workflow.type': 'onboarding' } });
    // The workflow makes no spans (ADR 0040): its activities are children of the start.
    expect(enrollActivity).toMatchObject({ kind: 'server', parentSpanId: startWorkflow?.spanId, attributes: { 'temporal.activity.type': 'enroll' } });
    expect(progressEnroll?.name).toMatch(/^POST \/internal\/learners\//);
  });

  it('when processes report, then probes and scrapes make no spans', async () => {
    await fetch(`${platform.progressUrl}/health/ready`);
    await fetch(`${platform.progressUrl}/metrics`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(receiver.spans.filter((span) => String(span.attributes['url.path']).startsWith('/health') || span.attributes['url.path'] === '/metrics')).toEqual([]);
  });
});
