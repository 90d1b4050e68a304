import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

// An incoming id is reused only when it is short and plain, so a caller cannot inject log lines
// or oversized values through it.
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Picks the request id: the caller's `x-request-id` when acceptable, a fresh UUID otherwise. */
export function requestIdFor(request: IncomingMessage): string {
  const header = request.headers[REQUEST_ID_HEADER];
  return typeof header === 'string' && ACCEPTABLE_ID.test(header) ? header : randomUUID();
}
