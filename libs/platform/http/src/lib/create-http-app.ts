import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { METRICS_REGISTRY, REQUEST_ID_HEADER, requestIdFor } from '@pathwise/platform/observability';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import type { Histogram, Registry } from 'prom-client';
import { ProblemDetailsFilter } from './problem-details.filter';

export interface HttpAppOptions {
  /** Largest accepted request body in bytes; larger bodies get 413 before any parsing. */
  bodyLimit?: number;
}

/**
 * Builds a service's HTTP application the same way in main.ts and in tests: Fastify, pino logs
 * with a request id echoed in `x-request-id`, problem+json errors, request metrics, and shutdown
 * hooks so SIGTERM closes servers, consumers and pools in order.
 */
export async function createHttpApp(module: Parameters<typeof NestFactory.create>[0], options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    logger: false,
    requestIdHeader: false,
    genReqId: (raw: IncomingMessage) => {
      const id = requestIdFor(raw);
      // pino-http reuses `req.id` when present, so logs and responses carry the same id.
      (raw as { id?: string }).id = id;
      return id;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  instrument(app);
  return app;
}

function instrument(app: INestApplication): void {
  const fastify = (app as NestFastifyApplication).getHttpAdapter().getInstance();
  const registry = app.get<Registry>(METRICS_REGISTRY);
  const duration = registry.getSingleMetric('http_server_request_duration_seconds') as Histogram<string>;

  fastify.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    // The route template, not the raw URL, keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
