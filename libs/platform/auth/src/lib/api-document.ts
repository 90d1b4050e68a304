import type { DynamicModule, INestApplication, Provider, Type } from '@nestjs/common';
import { GUARDS_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { APP_GUARD } from '@nestjs/core';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { apiDocumentConfig, type ApiDescription } from '@pathwise/platform/http';
import { AccessTokenGuard, isPublicRoute, requiredRoles } from './access-token.guard';

// A service's OpenAPI document: the routes' own contracts (@Endpoint, SwaggerModule) completed with
// what the code enforces around the handlers. One function builds it for the document a service
// serves and for the one committed in docs/openapi/, so the two cannot differ.

export interface ApiSource extends ApiDescription {
  /** The feature module (static, or as forRoot()/register() returns it) whose controllers, and those of the modules it imports, make up the service's API. */
  module: Type<unknown> | DynamicModule;
}

/**
 * The complete document of `source`'s API as `app` routes it. Only the controllers of
 * `source.module` and the modules it imports are documented: an app's health and metrics routes
 * are operators' endpoints, not the API.
 */
export function completeApiDocument(app: INestApplication, source: ApiSource): OpenAPIObject {
  const facts = operationFacts(source.module, controllersOf(source.module));
  const document = SwaggerModule.createDocument(app, apiDocumentConfig(source));
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods as Record<string, { operationId?: string }>)) {
      if (typeof operation === 'object' && !facts.has(operation.operationId ?? '')) delete (methods as Record<string, unknown>)[method];
    }
    if (Object.keys(methods).length === 0) delete document.paths[path];
  }
  return completeWith(document, (operationId) => facts.get(operationId));
}

/** Every module reachable from `module`, static or dynamic (forRoot/register), each once. */
function modulesOf(module: Type<unknown> | DynamicModule, seen = new Set<unknown>()): (Type<unknown> | DynamicModule)[] {
  if (seen.has(module)) return [];
  seen.add(module);
  const type = 'module' in module ? module.module : module;
  const imports = [...((Reflect.getMetadata('imports', type) ?? []) as unknown[]), ...('module' in module ? (module.imports ?? []) : [])].filter(
    (entry): entry is Type<unknown> | DynamicModule => typeof entry === 'function' || (typeof entry === 'object' && entry !== null && 'module' in entry),
  );
  return [module, ...imports.flatMap((entry) => modulesOf(entry, seen))];
}

function metadataOf<T>(key: string, module: Type<unknown> | DynamicModule): T[] {
  const type = 'module' in module ? module.module : module;
  const own = (Reflect.getMetadata(key, type) ?? []) as T[];
  return 'module' in module ? [...own, ...(((module as unknown as Record<string, unknown>)[key] ?? []) as T[])] : own;
}

/** The controllers whose routes make up `source`'s API. */
export function apiControllers(source: ApiSource): Type<unknown>[] {
  return controllersOf(source.module);
}

/** The controllers of a module and of every module it imports, static or dynamic (forRoot/register). */
function controllersOf(module: Type<unknown> | DynamicModule): Type<unknown>[] {
  return modulesOf(module).flatMap((entry) => metadataOf<Type<unknown>>('controllers', entry));
}

/**
 * What the module graph says about each operation (keyed `<Controller>_<method>`, the document's
 * operationId): the access-token guard and the roles it checks (the guard's own metadata), the
 * global rate limiter (an APP_GUARD: it counts every `/v1/` route), and the downstream services a
 * controller injects (the clients the gateway's DownstreamModule provides).
 */
function operationFacts(root: Type<unknown> | DynamicModule, controllers: Type<unknown>[]): Map<string, OperationFacts> {
  const modules = modulesOf(root);
  const providers = modules.flatMap((module) => metadataOf<Provider>('providers', module));
  const rateLimited = providers.some((provider) => typeof provider === 'object' && 'provide' in provider && provider.provide === APP_GUARD && 'useClass' in provider && provider.useClass.name === 'RateLimitGuard');
  const serviceClients = new Set(
    modules.filter((module) => ('module' in module ? module.module : module).name === 'DownstreamModule').flatMap((module) => metadataOf<unknown>('exports', module)),
  );
  const facts = new Map<string, OperationFacts>();
  for (const controller of controllers) {
    const injected = ((Reflect.getMetadata('self:paramtypes', controller) ?? []) as { param: unknown }[]).map(({ param }) => param);
    const callsService = injected.some((token) => serviceClients.has(token));
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name];
      if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      const guards = [...((Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as unknown[]), ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[])];
      const guarded = guards.includes(AccessTokenGuard) && !isPublicRoute(handler, controller);
      const roles = guarded ? requiredRoles(handler, controller) : [];
      facts.set(`${controller.name}_${name}`, { authenticated: guarded, roles, rateLimited, callsService });
    }
  }
  return facts;
}

/** What the code knows about one operation beyond its @Endpoint contract. */
interface OperationFacts {
  /** Behind the access-token guard and not opened with `@Public()`: no valid token, 401. */
  authenticated: boolean;
  /** Roles of which the caller needs one (`@RequireRoles`): others get 403. */
  roles: readonly string[];
  /** A global rate limiter runs (it counts the `/v1/` routes): over quota, 429. */
  rateLimited: boolean;
  /** The handler calls another service: it is down, slow or failing, 503/504/502. */
  callsService: boolean;
}

type Responses = Record<string, { description: string; content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }>;
type Operation = { operationId?: string; security?: unknown[]; responses: Responses };

/** RFC 9457 problem details as every Pathwise error answers them (ProblemDetailsFilter, sendProblem). */
const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details; members beyond these are extensions of the problem type.',
  properties: {
    type: { type: 'string', description: 'A URI naming the problem type, or about:blank' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 100, maximum: 599, description: 'Equals the HTTP status' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'A stable error code, e.g. PROGRESS.SKILL_NOT_IN_ROADMAP' },
    requestId: { type: 'string', description: 'Also in the x-request-id header; quote it when reporting' },
    errors: {
      type: 'array',
      description: 'One entry per invalid input',
      items: {
        type: 'object',
        properties: { pointer: { type: 'string', description: 'JSON Pointer (RFC 6901) into the body, or to the named parameter' }, detail: { type: 'string' }, in: { enum: ['query', 'path', 'header'] } },
        required: ['pointer', 'detail'],
      },
    },
  },
  required: ['type', 'title', 'status'],
};

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

const HEADERS = {
  RateLimit: { description: 'Remaining quota and seconds until it resets (IETF RateLimit fields)', schema: { type: 'string' } },
  'RateLimit-Policy': { description: 'The quota policy that applied', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'string' } },
};
const header = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });
const RATE_LIMIT_HEADERS = { RateLimit: header('RateLimit'), 'RateLimit-Policy': header('RateLimit-Policy') };

/** Answers that follow from the facts; a route's own wording of the same status wins. */
function answersFor(path: string, facts: OperationFacts): Responses {
  const answers: Responses = {};
  // Node's HTTP parser refuses a request line and header fields over 16 KB before anything routes (createHttpApp).
  answers['431'] = { description: 'The request line or header fields are larger than the server accepts' };
  // Fastify refuses a path segment over its maxParamLength before routing.
  if (path.includes('{')) answers['414'] = { description: 'A path segment is longer than the router accepts' };
  if (facts.authenticated) answers['401'] = { description: 'No valid access token (Authorization: Bearer)', headers: { 'WWW-Authenticate': { description: 'The Bearer challenge (RFC 6750)', schema: { type: 'string' } } } };
  if (facts.roles.length > 0) answers['403'] = { description: `Needs one of the roles: ${facts.roles.join(', ')}` };
  if (facts.rateLimited) {
    answers['429'] = {
      description: 'Over quota; retry after Retry-After seconds',
      headers: { ...RATE_LIMIT_HEADERS, 'Retry-After': { ...HEADERS['Retry-After'], required: true } },
    };
  }
  if (facts.callsService) {
    answers['502'] = { description: 'The service behind this route failed' };
    answers['503'] = { description: 'The service behind this route is unavailable (open circuit, unreachable); see Retry-After', headers: { 'Retry-After': header('Retry-After') } };
    answers['504'] = { description: 'The service behind this route did not answer in time' };
  }
  return answers;
}

/**
 * Completes a generated document with what the code enforces around the handlers (guards, the
 * router, downstream calls) and gives every error answer the shared `Problem` schema, served as
 * application/problem+json. `factsOf` is keyed by operationId (`<Controller>_<method>`).
 */
function completeWith(document: OpenAPIObject, factsOf: (operationId: string) => OperationFacts | undefined): OpenAPIObject {
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const operation of Object.values(methods as Record<string, Operation>)) {
      if (typeof operation !== 'object' || !operation.responses) continue;
      const found = factsOf(operation.operationId ?? '');
      const facts = found && { ...found, rateLimited: found.rateLimited && path.startsWith('/v1/') };
      const answers = facts ? answersFor(path, facts) : {};
      for (const [status, answer] of Object.entries(answers)) {
        operation.responses[status] = { ...answer, ...operation.responses[status], headers: { ...answer.headers, ...operation.responses[status]?.headers } };
        if (Object.keys(operation.responses[status].headers ?? {}).length === 0) delete operation.responses[status].headers;
      }
      if (facts?.rateLimited) {
        // The limiter's fields ride on every answer it let through too.
        for (const [status, response] of Object.entries(operation.responses)) if (status !== '429') response.headers = { ...RATE_LIMIT_HEADERS, ...response.headers };
      }
      if (facts && !facts.authenticated) delete operation.security;
      else if (facts?.authenticated) operation.security = [{ bearer: [] }];
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400) response.content = problemContent;
      }
      operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
    }
  }
  const used = JSON.stringify(document.paths);
  const headers = Object.fromEntries(Object.entries(HEADERS).filter(([name]) => used.includes(`#/components/headers/${name}`)));
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA }, ...(Object.keys(headers).length > 0 ? { headers } : {}) };
  return document;
}

