import type { ServiceTokenSource } from '@pathwise/platform/auth';
import { activeTraceparent } from '@pathwise/platform/observability';
import { ApplicationFailure } from '@temporalio/activity';

export interface ServiceConfig {
  baseUrl: string;
  /** Mints the saga-worker's own `service` token for the service's audience. */
  tokens: ServiceTokenSource;
  audience?: string;
}

/** A service's answer: its status and its body parsed (a non-JSON body as `{ detail }`, an empty one as undefined). */
export interface Answer {
  status: number;
  body: unknown;
}

/** The failure types a caller reports, as its workflow knows them. */
export interface FailureTypes {
  /** Retryable: the service is down, overloaded or not ready. */
  unavailable: string;
  /** Non-retryable: the service said no. */
  rejected: string;
  /** Non-retryable 404, when the caller tells it apart from other refusals. */
  notFound?: string;
}

// Statuses that may succeed later: overload, the same key still in flight, an auth setup being fixed.
const RETRYABLE_4XX = new Set([401, 403, 408, 409, 425, 429]);

/**
 * One service as the saga's activities call it: the saga-worker's service token for the service's
 * audience, JSON in and out, the activity's traceparent (tracing on: the service's span joins the
 * trace that started the workflow) and a timeout per request. A call that gets no answer (timeout,
 * refused connection) is a retryable `failures.unavailable`: it may have been applied, and the retry
 * carries the same idempotency key.
 */
export function serviceClient(service: ServiceConfig, options: { defaultAudience: string; fetch?: typeof fetch; timeoutMs: number; failures: FailureTypes }) {
  const http = options.fetch ?? fetch;
  const baseUrl = service.baseUrl.replace(/\/+$/, '');
  const audience = service.audience ?? options.defaultAudience;
  return async function call(method: string, path: string, request: { body?: unknown; idempotencyKey?: string } = {}): Promise<Answer> {
    const token = await service.tokens.forAudience(audience);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json, application/problem+json' };
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const traceparent = activeTraceparent();
    if (traceparent) headers['traceparent'] = traceparent;
    let response: Response;
    let text: string;
    try {
      response = await http(`${baseUrl}${path}`, {
        method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw ApplicationFailure.retryable(`${method} ${path} failed: ${(error as Error).message}`, options.failures.unavailable);
    }
    return { status: response.status, body: parse(text) };
  };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page: keep a little of it for the failure message.
    return { detail: text.slice(0, 200) };
  }
}

/** The problem+json `code` of an answer, if it has one. */
export function codeOf(answer: Answer): string | undefined {
  const code = (answer.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The failure for an answer the caller does not expect: retryable when a later attempt may pass, otherwise the service's "no". */
export function failureOf(method: string, path: string, answer: Answer, failures: FailureTypes): ApplicationFailure {
  const problem = (answer.body ?? {}) as { code?: string; detail?: string };
  const message = `${method} ${path} answered ${answer.status}${problem.code ? ` ${problem.code}` : ''}${problem.detail ? `: ${problem.detail}` : ''}`;
  if (answer.status >= 500 || RETRYABLE_4XX.has(answer.status)) return ApplicationFailure.retryable(message, failures.unavailable);
  if (answer.status === 404 && failures.notFound) return ApplicationFailure.nonRetryable(message, failures.notFound);
  return ApplicationFailure.nonRetryable(message, failures.rejected);
}
