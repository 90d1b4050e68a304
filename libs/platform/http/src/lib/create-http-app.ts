import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { isQuietPath, METRICS_REGISTRY, REQUEST_ID_HEADER, requestIdFor, ROOT_LOGGER, tracingEnabled } from '@pathwise/platform/observability';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
import { type IncomingMessage, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Histogram, Registry } from 'prom-client';
import { type ProblemDetails, sendProblem } from './problem-details';
import { ProblemDetailsFilter } from './problem-details.filter';
import { traceRequests } from './http-tracing';

export interface HttpAppOptions {
  /** Largest accepted request body in bytes; larger bodies get 413 before any parsing. */
  bodyLimit?: number;
  /**
   * Peers whose X-Forwarded-For is believed (addresses or CIDRs, e.g. the ingress controller's).
   * Fastify walks the header from the right past trusted hops, so `request.ip` is the first
   * untrusted address. Absent or empty: `request.ip` is the socket peer and the header is ignored.
   */
  trustedProxies?: readonly string[];
}

/**
 * Builds a service's HTTP application the same way in main.ts and in tests: Fastify, pino logs
 * with a request id echoed in `x-request-id`, problem+json errors, request metrics, and shutdown
 * hooks so SIGTERM closes servers, consumers and pools in order.
 */
export async function createHttpApp(module: Parameters<typeof NestFactory.create>[0], options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    clientErrorHandler: answerClientError,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logger: false,
    requestIdHeader: false,
    genReqId: (raw: IncomingMessage) => requestIdFor(raw),
    // Only when set: with trustProxy Fastify computes request.ip (and host, protocol) through proxy-addr.
    ...(options.trustedProxies?.length ? { trustProxy: [...options.trustedProxies] } : {}),
    // Fastify refuses some URLs before routing (a path segment over maxParamLength → 414, a broken
    // percent-escape → 400), outside Nest and its filter: those answers are problem+json too (RFC
    // 9457), with the request id, and never echo the path (it may be huge or hostile).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode ?? 400;
      // The limit in force (Fastify's default unless configured); a router option overrides the top-level one.
      const config = request.server.initialConfig;
      const maxParamLength = config.routerOptions?.maxParamLength ?? config.maxParamLength;
      const problem: ProblemDetails = {
        type: 'about:blank',
        title: STATUS_CODES[status] ?? 'Bad Request',
        status,
        detail: status === 414 ? `A path segment is longer than ${maxParamLength} characters.` : 'The request URL is malformed.',
        requestId: request.id,
      };
      void sendProblem(reply, problem, { [REQUEST_ID_HEADER]: request.id });
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  instrument(app);
  answerMethodNotAllowed(app);
  return app;
}

/**
 * RFC 9110 §15.5.6: a path that exists with other methods is 405 with an Allow header, not 404 (nor
 * whatever an unexpected method would meet first, such as QUERY's body parsing). Routes are
 * collected as they are registered, so this is set up before the app initialises.
 */
function answerMethodNotAllowed(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  fastify.addHook('onRoute', (route) => {
    const pattern = new RegExp('^' + route.url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*') + '/?$');
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const known = routes.find((entry) => entry.pattern.source === pattern.source);
    if (known) methods.forEach((method) => known.methods.add(method));
    else routes.push({ pattern, methods: new Set(methods) });
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0] ?? '/';
    const allowed = [...new Set(routes.filter((route) => route.pattern.test(path) && !route.pattern.source.includes('.*')).flatMap((route) => [...route.methods]))];
    if (allowed.length === 0) return;
    const problem: ProblemDetails = { type: 'about:blank', title: 'Method Not Allowed', status: 405, detail: `Use ${allowed.join(', ')}`, instance: path, requestId: request.id };
    await sendProblem(reply, problem, { allow: allowed.join(', ') });
  });
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (a request line and header fields
 * over 16 KB → 431, a malformed request → 400, a client too slow to send its headers → 408) get
 * problem+json like every other error, on a connection that is then closed.
 */
function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy(error);
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const detail = status === 431 ? 'The request line and header fields are larger than 16 KB.' : status === 408 ? 'The request headers did not arrive in time.' : 'The request is not valid HTTP.';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  socket.end(`HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

function instrument(app: INestApplication): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  const registry = app.get<Registry>(METRICS_REGISTRY);
  const duration = registry.getSingleMetric('http_server_request_duration_seconds') as Histogram<string>;
  // No hooks at all when tracing is off: the request path stays as it was.
  if (tracingEnabled()) traceRequests(fastify);

  fastify.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  const logger = app.get<Pino>(ROOT_LOGGER);
  fastify.addHook('onResponse', async (request, reply) => {
    // The route template, not the raw URL, keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    // One line per request, under the id the response carries. The path only: the query string may
    // carry a token (reliability case 20), and headers are never logged.
    const level = reply.statusCode >= 500 ? 'error' : reply.statusCode >= 400 ? 'warn' : 'info';
    if (!logger.isLevelEnabled(level) || isQuietPath(request.url)) return;
    logger[level](
      { req: { id: request.id, method: request.method, path: request.url.split('?')[0] }, res: { statusCode: reply.statusCode }, responseTime: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });
}
