import type { Principal } from '@pathwise/platform/auth';
import { SpanKind } from '@opentelemetry/api';
import { ProblemException, problemType } from '@pathwise/platform/http';
import { injectSpanContext, recordFailure, runInSpan, startSpan, tracingEnabled } from '@pathwise/platform/observability';
import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ExponentialBackoff,
  handleWhen,
  retry,
  SamplingBreaker,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { DownstreamOptions, GatewayOptions } from '../gateway.options';
import type { ServiceTokens } from './service-tokens';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface DownstreamRequest {
  method: HttpMethod;
  /** Path and query on the service, e.g. `/roadmaps?limit=20`. */
  path: string;
  /** The caller; absent for anonymous reads of public data. */
  principal?: Principal;
  body?: unknown;
  /** Bytes sent as they are (an uploaded file), instead of `body` as JSON. */
  rawBody?: { bytes: Buffer; contentType: string };
  /** The gateway's request id, sent as `x-request-id` so the service's logs join the gateway's. */
  requestId?: string;
  /** Passed through as is: if-none-match, if-match, idempotency-key, traceparent. */
  headers?: Record<string, string | undefined>;
}

export interface DownstreamResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** A 5xx from the service: counted by the breaker and the retry, then answered as 502. */
class ServerError extends Error {
  constructor(readonly response: DownstreamResponse) {
    super(`downstream answered ${response.status}`);
  }
}

const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);
const BREAKER_STATE_VALUE: Record<CircuitState, number> = { [CircuitState.Closed]: 0, [CircuitState.HalfOpen]: 1, [CircuitState.Open]: 2, [CircuitState.Isolated]: 2 };

/** Metrics shared by every downstream client of one app, registered once per registry. */
function metricsFor(registry: Registry): { state: Gauge<'downstream'>; calls: Counter<'downstream' | 'outcome'> } {
  const state =
    (registry.getSingleMetric('gateway_circuit_breaker_state') as Gauge<'downstream'> | undefined) ??
    new Gauge({ name: 'gateway_circuit_breaker_state', help: 'Circuit breaker per downstream: 0 closed, 1 half-open, 2 open', labelNames: ['downstream'], registers: [registry] });
  const calls =
    (registry.getSingleMetric('gateway_downstream_requests_total') as Counter<'downstream' | 'outcome'> | undefined) ??
    new Counter({
      name: 'gateway_downstream_requests_total',
      help: 'Calls to downstream services by outcome (ok, client_error, server_error, timeout, unreachable, circuit_open)',
      labelNames: ['downstream', 'outcome'],
      registers: [registry],
    });
  return { state, calls };
}

/**
 * HTTP/JSON client for one service. Each attempt has its own timeout; idempotent requests (GET,
 * HEAD, PUT, DELETE, and POST/PATCH carrying an Idempotency-Key the service honours) are retried
 * with exponential backoff and decorrelated jitter; a breaker (cockatiel)
 * (failure rate over a sampling window) turns a dead service into immediate 503s instead of piling up waiting requests.
 */
export class DownstreamClient {
  private readonly breakerPolicy;
  private readonly retrying: IPolicy;
  private readonly once: IPolicy;
  private readonly metrics;

  constructor(
    readonly name: string,
    private readonly options: DownstreamOptions,
    private readonly tokens: ServiceTokens,
    registry: Registry,
    private readonly settings: GatewayOptions['breaker'],
  ) {
    this.metrics = metricsFor(registry);
    const failure = handleWhen((error) => !(error instanceof BrokenCircuitError));
    // A failure rate over a minimum number of calls, not N consecutive errors: a few failing requests
    // (one client's, say) cannot open the circuit for every other client.
    const breaker = new SamplingBreaker({ threshold: settings.failureRate, duration: settings.windowMs, minimumRps: (settings.minimumCalls * 1_000) / settings.windowMs });
    this.breakerPolicy = circuitBreaker(failure, { halfOpenAfter: settings.halfOpenAfterMs, breaker });
    this.breakerPolicy.onStateChange((state) => this.metrics.state.set({ downstream: name }, BREAKER_STATE_VALUE[state]));
    this.metrics.state.set({ downstream: name }, 0);
    const attemptTimeout = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    const retries = retry(failure, { maxAttempts: settings.maxAttempts - 1, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 500 }) });
    this.retrying = wrap(retries, this.breakerPolicy, attemptTimeout);
    this.once = wrap(this.breakerPolicy, attemptTimeout);
  }

  async send(request: DownstreamRequest): Promise<DownstreamResponse> {
    const headers = await this.headersFor(request);
    const retryable = IDEMPOTENT.has(request.method) || headers.has('idempotency-key');
    const body = request.rawBody ? new Uint8Array(request.rawBody.bytes) : request.body === undefined ? undefined : JSON.stringify(request.body);
    try {
      const url = new URL(request.path, this.options.baseUrl);
      const response = await (retryable ? this.retrying : this.once).execute(async ({ signal }) => {
        const answer = tracingEnabled() ? await this.tracedFetch(url, request.method, headers, body, signal) : await fetch(url, { method: request.method, headers, body, signal });
        const result = { status: answer.status, headers: answer.headers, body: Buffer.from(await answer.arrayBuffer()) };
        if (result.status >= 500) throw new ServerError(result);
        return result;
      });
      this.metrics.calls.inc({ downstream: this.name, outcome: response.status >= 400 ? 'client_error' : 'ok' });
      return response;
    } catch (error) {
      throw this.toProblem(error);
    }
  }

  /** One CLIENT span per attempt; its traceparent replaces any the caller sent, so the service joins the gateway's trace. */
  private async tracedFetch(url: URL, method: HttpMethod, headers: Headers, body: string | Uint8Array | undefined, signal: AbortSignal): Promise<Response> {
    const span = startSpan(method, { kind: SpanKind.CLIENT, attributes: { 'http.request.method': method, 'server.address': url.hostname, 'url.full': `${url.origin}${url.pathname}`, 'pathwise.downstream': this.name } });
    for (const [name, value] of Object.entries(injectSpanContext(span, {}))) headers.set(name, value);
    try {
      const answer = await runInSpan(span, () => fetch(url, { method, headers, body, signal }));
      span.setAttribute('http.response.status_code', answer.status);
      if (answer.status >= 500) recordFailure(span, new Error(`downstream answered ${answer.status}`));
      return answer;
    } catch (error) {
      recordFailure(span, error);
      throw error;
    } finally {
      span.end();
    }
  }

  private async headersFor(request: DownstreamRequest): Promise<Headers> {
    const headers = new Headers({ accept: 'application/json' });
    for (const [name, value] of Object.entries(request.headers ?? {})) if (value !== undefined) headers.set(name, value);
    if (request.requestId !== undefined) headers.set('x-request-id', request.requestId);
    if (request.body !== undefined) headers.set('content-type', 'application/json');
    if (request.rawBody) headers.set('content-type', request.rawBody.contentType);
    if (request.principal) headers.set('authorization', `Bearer ${await this.tokens.forPrincipal(request.principal, this.options.audience)}`);
    return headers;
  }

  private toProblem(error: unknown): ProblemException {
    const downstream = this.name;
    if (error instanceof BrokenCircuitError) {
      this.metrics.calls.inc({ downstream, outcome: 'circuit_open' });
      return new ProblemException(
        { type: problemType('service-unavailable'), status: 503, title: 'Service unavailable', detail: `The ${downstream} service is unavailable; try again shortly.`, downstream },
        { 'retry-after': String(Math.ceil(this.settings.halfOpenAfterMs / 1000)) },
      );
    }
    if (error instanceof TaskCancelledError) {
      this.metrics.calls.inc({ downstream, outcome: 'timeout' });
      return new ProblemException({ type: problemType('downstream-timeout'), status: 504, title: 'Gateway timeout', detail: `The ${downstream} service did not answer in time.`, downstream });
    }
    if (error instanceof ServerError) {
      this.metrics.calls.inc({ downstream, outcome: 'server_error' });
      return new ProblemException({ type: problemType('bad-gateway'), status: 502, title: 'Bad gateway', detail: `The ${downstream} service failed; quote the request id when reporting it.`, downstream });
    }
    this.metrics.calls.inc({ downstream, outcome: 'unreachable' });
    return new ProblemException(
      { type: problemType('service-unavailable'), status: 503, title: 'Service unavailable', detail: `The ${downstream} service is unreachable; try again shortly.`, downstream },
      { 'retry-after': '1' },
    );
  }
}
