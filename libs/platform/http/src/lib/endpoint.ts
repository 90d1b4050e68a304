import { applyDecorators, CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBody, ApiOperation, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { z } from 'zod';
import { type FieldError, ProblemException, problemType, toPointer } from './problem-details';

type Location = 'body' | 'query' | 'params';

export interface EndpointContract {
  summary: string;
  description?: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  params?: z.ZodObject;
  /** Documented answers by status; a schema documents the JSON body, a string only the meaning. */
  responses?: Record<number, z.ZodType | string>;
  /**
   * OpenAPI links by status: how an answer's values feed the next operation (by operationId,
   * `<Controller>_<method>`), e.g. the slug and ETag of a created draft into its change. Clients
   * and stateful tests follow them (create → read → change).
   */
  links?: Record<number, Record<string, ApiLink>>;
}

/** An OpenAPI 3.1 Link Object: runtime expressions (`$request.body#/slug`, `$response.header.ETag`) per parameter, `header.` for a header. */
export interface ApiLink {
  operationId: string;
  parameters: Record<string, string>;
  description?: string;
}

const CONTRACT = Symbol('endpoint-contract');

/**
 * Declares what a route accepts and answers, once: the same zod schemas validate the request at
 * run time (replacing body, query and params with the parsed values) and feed the OpenAPI
 * document. Handlers therefore only ever see data that matched the contract.
 */
export function Endpoint(contract: EndpointContract): MethodDecorator {
  const decorators = [SetMetadata(CONTRACT, contract), UseInterceptors(RequestValidation), ApiOperation({ summary: contract.summary, description: contract.description })];
  if (contract.body) decorators.push(ApiBody({ schema: jsonSchema(contract.body, 'input') }));
  for (const [name, schema] of Object.entries(contract.params?.shape ?? {})) {
    decorators.push(ApiParam({ name, required: true, schema: jsonSchema(schema as z.ZodType, 'input') }));
  }
  for (const [name, schema] of Object.entries(contract.query?.shape ?? {})) {
    decorators.push(ApiQuery({ name, required: !(schema as z.ZodType).safeParse(undefined).success, schema: jsonSchema(schema as z.ZodType, 'input') }));
  }
  // What the validation itself answers is part of every such route's contract; a route may word it better.
  const validationAnswers: Record<number, string> = {};
  const badRequest = [
    ...(contract.params || contract.query ? ['invalid path or query: one error per field (JSON Pointer)'] : []),
    // Fastify's JSON parser refuses a body that is not JSON before the route runs.
    ...(contract.body ? ['the body is not well-formed JSON'] : []),
  ];
  if (badRequest.length > 0) validationAnswers[400] = badRequest.map((reason, index) => (index === 0 ? reason[0]?.toUpperCase() + reason.slice(1) : reason)).join('; or ');
  if (contract.body) {
    validationAnswers[413] = 'The body is larger than the route accepts';
    validationAnswers[415] = 'The body is not application/json';
    validationAnswers[422] = 'Invalid body: problem+json with one error per field (JSON Pointer)';
  }
  for (const [status, answer] of Object.entries({ ...validationAnswers, ...contract.responses })) {
    const links = contract.links?.[Number(status)];
    decorators.push(
      typeof answer === 'string'
        ? ApiResponse({ status: Number(status), description: answer, ...(links ? { links } : {}) })
        : ApiResponse({ status: Number(status), description: answer.description ?? 'OK', schema: jsonSchema(answer, 'output'), ...(links ? { links } : {}) }),
    );
  }
  return applyDecorators(...decorators);
}

/**
 * JSON Schema 2020-12 (the dialect of OpenAPI 3.1) for one zod schema, without the `$schema`
 * marker. Inputs also state what RequestValidation refuses in every string whatever its schema:
 * a free-text string gets "no NUL" as its pattern (strings with a pattern, a format or a fixed set
 * of values exclude it already). Unpaired surrogates, refused too, are not Unicode text, which is
 * what a JSON Schema string is; a pattern naming them would not compile in every OpenAPI tool.
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return io === 'input' ? withStorableText(rest) : rest;
}

/** Every string without NUL, as a JSON Schema (ECMA-262) pattern. */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000]*$';

function withStorableText<T>(node: T): T {
  if (Array.isArray(node)) return node.map(withStorableText) as T;
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([key, value]) => [key, key === 'enum' || key === 'const' || key === 'default' || key === 'examples' ? value : withStorableText(value)]);
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  if (schema['type'] !== 'string' || 'format' in schema || 'enum' in schema || 'const' in schema) return schema as T;
  if (!('pattern' in schema)) return { ...schema, pattern: STORABLE_TEXT_PATTERN } as T;
  // A pattern of listed characters (`^[a-z0-9]+$`), or whose negated classes refuse NUL too, excludes
  // it already; one that admits any character somewhere (`\S`, `.`, `[^a]`) gets the refusal as a
  // second pattern.
  const pattern = String(schema['pattern']);
  const outsideClasses = pattern.replace(/\[(?:\\.|[^\]\\])*\]/g, '[]');
  const negatedClasses = [...pattern.matchAll(/\[\^((?:\\.|[^\]\\])*)\]/g)].map((match) => match[1] ?? '');
  const listedOnly =
    pattern.startsWith('^') &&
    pattern.endsWith('$') &&
    negatedClasses.every((body) => body.includes('\\u0000')) &&
    !/\\[SDW]/.test(pattern) &&
    !/(?<!\\)\./.test(outsideClasses);
  return (listedOnly ? schema : { ...schema, allOf: [...((schema['allOf'] as unknown[]) ?? []), { pattern: STORABLE_TEXT_PATTERN }] }) as T;
}

@Injectable()
export class RequestValidation implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<EndpointContract | undefined>(CONTRACT, context.getHandler());
    if (contract) {
      const request = context.switchToHttp().getRequest<FastifyRequest & Record<Location, unknown>>();
      const inputs = LOCATIONS.flatMap((location) => {
        const schema = contract[location];
        return schema ? [{ location, schema, value: request[location] ?? (location === 'body' ? undefined : {}) }] : [];
      });
      // Checked before any schema runs, so no transform, refinement or query ever sees such a string.
      const unstorable = inputs
        .map(({ location, value }) => ({ location, errors: [...(location === 'query' ? undecodableQuery(request.url) : []), ...unstorableStrings(value, location)] }))
        .filter(({ errors }) => errors.length > 0);
      if (unstorable.length > 0) throw validationProblem(unstorable);
      const parsed = inputs.map(({ location, schema, value }) => ({ location, result: schema.safeParse(value) }));
      const failed = parsed.flatMap(({ location, result }) => (result.success ? [] : [{ location, errors: fieldErrors(result.error, location) }]));
      if (failed.length > 0) throw validationProblem(failed);
      for (const { location, result } of parsed) request[location] = result.data;
    }
    return next.handle();
  }
}

const LOCATIONS = ['params', 'query', 'body'] as const;

/**
 * Every failing field becomes one entry with a JSON Pointer (RFC 6901). RFC 9110 §15.5.21: a
 * well-formed body whose content is wrong is 422; a bad query or path parameter is a bad request.
 */
function validationProblem(failures: readonly { location: Location; errors: FieldError[] }[]): ProblemException {
  const errors = failures.flatMap((failure) => failure.errors);
  const onlyBody = failures.every(({ location }) => location === 'body');
  return new ProblemException({
    type: problemType('validation-failed'),
    title: 'The request is not valid',
    status: onlyBody ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST,
    detail: `${errors.length} invalid field${errors.length === 1 ? '' : 's'}; see errors`,
    errors,
  });
}

const where = (location: Location) => (location === 'body' ? {} : { in: location === 'params' ? ('path' as const) : ('query' as const) });

/**
 * PostgreSQL text cannot hold U+0000 (the query fails), and a lone UTF-16 surrogate has no UTF-8
 * form (it would be stored as U+FFFD, silently changed). Neither is meaningful text, so both are
 * refused at the edge for every string of every route — keys included — whatever its schema says.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const UNSTORABLE = /\u0000|\p{Cs}/u;

/**
 * The query parser turns percent-escapes that are not UTF-8 (`%ED%A0%80`, an encoded surrogate;
 * `%FF`) into U+FFFD, so the value would silently differ from what the client sent: refuse it.
 */
function undecodableQuery(url: string): FieldError[] {
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  return query.split('&').flatMap((pair) => {
    const [name = '', value = ''] = pair.split('=', 2);
    try {
      decodeURIComponent(value);
      return [];
    } catch {
      return [{ pointer: toPointer([safeDecode(name)]), detail: 'must be UTF-8 text', in: 'query' as const }];
    }
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function unstorableStrings(value: unknown, location: Location, path: PropertyKey[] = []): FieldError[] {
  const refuse = (at: PropertyKey[]) => [{ pointer: toPointer(at), detail: 'must not contain NUL characters or unpaired surrogates', ...where(location) }];
  if (typeof value === 'string') return UNSTORABLE.test(value) ? refuse(path) : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unstorableStrings(item, location, [...path, index]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (UNSTORABLE.test(key) ? refuse([...path, key]) : unstorableStrings(item, location, [...path, key])));
  }
  return [];
}

function fieldErrors(error: z.ZodError, location: Location): FieldError[] {
  // A strict object reports all unknown keys in one issue; each gets its own entry so every field is named.
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ pointer: toPointer([...issue.path, key]), detail: 'is not a known field', ...where(location) }))
      : [{ pointer: toPointer(issue.path), detail: issue.message, ...where(location) }],
  );
}
