import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IdempotentRequest } from '../idempotency/idempotency.interceptor';
import type { DownstreamResponse } from './downstream-client';

/** Response headers a client may see from a service; everything else stays inside. */
const RELAYED = ['content-type', 'etag', 'last-modified', 'cache-control', 'content-disposition', 'retry-after', 'vary'];

/** Request headers a service needs from the client: conditional requests and the idempotency key. */
export function forwardedHeaders(request: FastifyRequest): Record<string, string | undefined> {
  const pick = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
  return {
    'if-none-match': pick('if-none-match'),
    'if-match': pick('if-match'),
    // The per-principal key (see IdempotencyInterceptor), never the client's raw value.
    'idempotency-key': (request as IdempotentRequest).idempotency?.forwardedKey,
    traceparent: pick('traceparent'),
  };
}

/**
 * Sends a service's answer to the client: status, body and the safe headers. A Location on the
 * service (`/roadmaps/x`) becomes the public one (`/v1/roadmaps/x`).
 */
export function relay(reply: FastifyReply, response: DownstreamResponse): FastifyReply {
  void reply.status(response.status);
  for (const name of RELAYED) {
    const value = response.headers.get(name);
    if (value !== null) void reply.header(name, value);
  }
  const location = response.headers.get('location');
  if (location?.startsWith('/')) void reply.header('location', `/v1${location}`);
  return reply.send(response.status === 304 || response.status === 204 ? undefined : response.body);
}
