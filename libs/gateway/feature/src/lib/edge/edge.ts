import cors from '@fastify/cors';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { type ApiSource, completeApiDocument } from '@pathwise/platform/auth';
import type { RouteOptions } from 'fastify';
import helmet from 'helmet';
import type { GatewayOptions } from '../gateway.options';
import type { IdempotentRequest } from '../idempotency/idempotency.interceptor';

/** The public API's OpenAPI header: served at /docs, and generated to docs/openapi/gateway.json. */
export const GATEWAY_API = {
  title: 'Pathwise API',
  description: 'Public API of Pathwise. Errors are RFC 9457 problem+json. State-changing POST/PATCH need an Idempotency-Key; see docs/patterns.',
};

/** Credentials never need more; a 1 MB "password" is refused before any hashing (reliability case 31). */
export const AUTH_BODY_LIMIT = 8 * 1024;
/** Everything else the public API accepts is a small JSON document. */
export const GATEWAY_BODY_LIMIT = 128 * 1024;

/**
 * The gateway's HTTP edge, applied before routes are registered: security headers, the CORS
 * allowlist, per-route body limits (createHttpApp answers 405 for a known path with another method), and the OpenAPI
 * 3.1 document of `api` with its UI at /docs: built by the function that generates
 * docs/openapi/gateway.json, so the served and the committed document are the same.
 */
export async function configureEdge(app: NestFastifyApplication, options: Pick<GatewayOptions, 'corsOrigins'>, api: ApiSource): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if (route.url.startsWith('/v1/auth/')) route.bodyLimit = AUTH_BODY_LIMIT;
  });

  // Stores the answer of an idempotent request (set up by IdempotencyInterceptor) before it is sent.
  fastify.addHook('onSend', async (request, reply, payload) => {
    const recorder = (request as IdempotentRequest).idempotency;
    if (recorder) await recorder.complete(reply.statusCode, reply.getHeaders(), payload);
    return payload;
  });

  // helmet's middleware is built once: @fastify/helmet rebuilt it (re-parsing the CSP) on every
  // request, a tenth of the gateway's CPU under load (docs/benchmarks.md).
  const securityHeaders = helmet({
    // The API answers JSON; only /docs renders HTML (Swagger UI needs its inline styles).
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'self'"], frameAncestors: ["'none'"] },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
  fastify.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
  await app.register(cors as never, {
    origin: [...options.corsOrigins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match', 'if-none-match', 'x-request-id'],
    exposedHeaders: ['etag', 'location', 'retry-after', 'ratelimit', 'ratelimit-policy', 'x-request-id'],
    maxAge: 600,
  });

  const document = completeApiDocument(app, api);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json', yamlDocumentUrl: 'docs/openapi.yaml' });
}
