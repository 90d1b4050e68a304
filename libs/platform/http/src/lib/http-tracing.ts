import { SpanKind, SpanStatusCode, type Span } from '@opentelemetry/api';
import { contextFromHeaders, isQuietPath, runInSpan, startSpan } from '@pathwise/platform/observability';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const SPAN = Symbol('serverSpan');
type TracedRequest = FastifyRequest & { [SPAN]?: Span };

/**
 * One SERVER span per request, child of the caller's traceparent. It becomes the active context in
 * preHandler, not onRequest: a request body is read from socket events outside any context set
 * before it, while preHandler runs after parsing and calls the route handler synchronously, so
 * guards, handlers, outgoing calls and outbox appends all see the span. Registered only when
 * tracing is on (ADR 0040).
 */
export function traceRequests(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request: TracedRequest, _reply, done) => {
    // Probes and scrapes would be most of the traces and tell nothing.
    if (isQuietPath(request.url)) return done();
    const route = request.routeOptions.url;
    request[SPAN] = startSpan(route ? `${request.method} ${route}` : request.method, {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': request.method, 'url.path': request.url.split('?')[0], ...(route ? { 'http.route': route } : {}) },
    }, contextFromHeaders(request.headers));
    done();
  });
  fastify.addHook('preHandler', (request: TracedRequest, _reply, done) => {
    const span = request[SPAN];
    if (span) runInSpan(span, done);
    else done();
  });
  fastify.addHook('onResponse', (request: TracedRequest, reply, done) => {
    const span = request[SPAN];
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      // Server spans fail on 5xx only; a 4xx is the client's (OpenTelemetry HTTP conventions).
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      request[SPAN] = undefined;
    }
    done();
  });
  fastify.addHook('onRequestAbort', (request: TracedRequest, done) => {
    const span = request[SPAN];
    if (span) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'client aborted' });
      span.end();
      request[SPAN] = undefined;
    }
    done();
  });
}
