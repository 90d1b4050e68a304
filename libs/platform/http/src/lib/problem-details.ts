import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

/** One invalid input, located by a JSON Pointer into the request (RFC 6901). */
export interface FieldError {
  /** Into the body, or the parameter's name as a pointer (`/limit`) when `in` says where else. */
  pointer: string;
  detail: string;
  in?: 'query' | 'path' | 'header';
}

/** RFC 9457 problem details; extension members sit beside the standard ones. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * Answers with `problem` as problem+json, its `status` as the HTTP status (RFC 9457 §3.1.2), and
 * `headers` beside it. Serialized here so Fastify does not append a charset: JSON media types
 * define none (RFC 8259 §11).
 */
export function sendProblem(reply: FastifyReply, problem: ProblemDetails, headers: Readonly<Record<string, string>> = {}): FastifyReply {
  return reply.code(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(Buffer.from(JSON.stringify(problem)));
}

const PROBLEM_BASE = 'https://pathwise.dev/problems/';

/** A problem type URI for a slug, e.g. `quota-exceeded`. */
export function problemType(slug: string): string {
  return PROBLEM_BASE + slug;
}

/** Throw from anywhere in a request to answer with exactly this problem. */
export class ProblemException extends Error {
  readonly problem: ProblemDetails;

  /** `headers` go on the response too (`WWW-Authenticate`, `Retry-After`, …). */
  constructor(
    problem: Partial<ProblemDetails> & { status: number },
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    const title = problem.title ?? STATUS_CODES[problem.status] ?? 'Error';
    super(problem.detail ?? title);
    // RFC 9457 §4.2.1: with "about:blank" the title should be the HTTP status phrase.
    this.problem = { ...problem, type: problem.type ?? 'about:blank', title };
  }
}

/** RFC 6901: `/` and `~` inside a segment are escaped as `~1` and `~0`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((segment) => '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
