import { STATUS_CODES } from 'node:http';

/** One invalid input, located by a JSON Pointer into the request (RFC 6901). */
export interface FieldError {
  pointer: string;
  detail: string;
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

const PROBLEM_BASE = 'https://pathwise.dev/problems/';

/** A problem type URI for a slug, e.g. `quota-exceeded`. */
export function problemType(slug: string): string {
  return PROBLEM_BASE + slug;
}

/** Throw from anywhere in a request to answer with exactly this problem. */
export class ProblemException extends Error {
  readonly problem: ProblemDetails;

  constructor(problem: Partial<ProblemDetails> & { status: number }) {
    const title = problem.title ?? STATUS_CODES[problem.status] ?? 'Error';
    super(problem.detail ?? title);
    // RFC 9457 §4.2.1: with "about:blank" the title should be the HTTP status phrase.
    this.problem = { ...problem, type: problem.type ?? 'about:blank', title };
  }
}
