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
  if (contract.params || contract.query) validationAnswers[400] = 'Invalid path or query: problem+json with one error per field (JSON Pointer)';
  if (contract.body) validationAnswers[422] = 'Invalid body: problem+json with one error per field (JSON Pointer)';
  for (const [status, answer] of Object.entries({ ...validationAnswers, ...contract.responses })) {
    decorators.push(
      typeof answer === 'string'
        ? ApiResponse({ status: Number(status), description: answer })
        : ApiResponse({ status: Number(status), description: answer.description ?? 'OK', schema: jsonSchema(answer, 'output') }),
    );
  }
  return applyDecorators(...decorators);
}

/** JSON Schema 2020-12 (the dialect of OpenAPI 3.1) for one zod schema, without the `$schema` marker. */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

@Injectable()
export class RequestValidation implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<EndpointContract | undefined>(CONTRACT, context.getHandler());
    if (contract) {
      const request = context.switchToHttp().getRequest<FastifyRequest & Record<Location, unknown>>();
      const parsed = LOCATIONS.flatMap((location) => {
        const schema = contract[location];
        return schema ? [{ location, result: schema.safeParse(request[location] ?? (location === 'body' ? undefined : {})) }] : [];
      });
      const failed = parsed.filter(({ result }) => !result.success);
      if (failed.length > 0) throw validationProblem(failed.map(({ location, result }) => ({ location, error: result.error as z.ZodError })));
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
function validationProblem(failures: readonly { location: Location; error: z.ZodError }[]): ProblemException {
  const errors = failures.flatMap(({ location, error }) => fieldErrors(error, location));
  const onlyBody = failures.every(({ location }) => location === 'body');
  return new ProblemException({
    type: problemType('validation-failed'),
    title: 'The request is not valid',
    status: onlyBody ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST,
    detail: `${errors.length} invalid field${errors.length === 1 ? '' : 's'}; see errors`,
    errors,
  });
}

function fieldErrors(error: z.ZodError, location: Location): FieldError[] {
  const where = location === 'body' ? {} : { in: location === 'params' ? ('path' as const) : ('query' as const) };
  // A strict object reports all unknown keys in one issue; each gets its own entry so every field is named.
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ pointer: toPointer([...issue.path, key]), detail: 'is not a known field', ...where }))
      : [{ pointer: toPointer(issue.path), detail: issue.message, ...where }],
  );
}
