import createClient from 'openapi-fetch';
import type { paths } from './gateway';
import type { Problem, Session } from './types';

/**
 * The one way the app talks to the gateway: openapi-fetch typed by the generated `paths`, from the
 * page's own origin (the gateway serves the app, ADR 0080).
 *
 * Tokens: the access token lives only in this module's memory. The refresh token is kept in
 * sessionStorage (this tab only, gone when the tab closes) so a reload can exchange it for a new
 * session; it is single use and the gateway revokes its whole family if a used one is presented.
 * Neither is ever written to localStorage.
 */
const REFRESH_KEY = 'pathwise.refreshToken';

let accessToken: string | null = null;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<(signedIn: boolean) => void>();

/** A failed call, readable: the problem+json title and detail, field errors, and when to retry. */
export class ApiError extends Error {
  constructor(
    readonly problem: Problem,
    /** Seconds from Retry-After on 429 and 503, when the gateway sent it. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field errors keyed by the last segment of their JSON Pointer (`/email` → `email`). */
  fieldErrors(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) fields[error.pointer.split('/').pop() ?? ''] = error.detail;
    return fields;
  }
}

const unreachable = (): ApiError =>
  new ApiError({ type: 'about:blank', status: 0, title: 'Cannot reach Pathwise', detail: 'The server did not answer. Check your connection, or try again in a moment.' });

function notify(): void {
  for (const listener of listeners) listener(accessToken !== null);
}

export function onSessionChange(listener: (signedIn: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isSignedIn(): boolean {
  return accessToken !== null;
}

export function startSession(session: Session): void {
  accessToken = session.accessToken;
  sessionStorage.setItem(REFRESH_KEY, session.refreshToken);
  notify();
}

export function endSession(): void {
  accessToken = null;
  sessionStorage.removeItem(REFRESH_KEY);
  notify();
}

export function storedRefreshToken(): string | null {
  return sessionStorage.getItem(REFRESH_KEY);
}

async function send(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    throw unreachable();
  }
}

/**
 * Exchanges the stored refresh token for a new session. Concurrent callers share one exchange:
 * two exchanges of the same single-use token would revoke the session.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = storedRefreshToken();
    if (!refreshToken) return false;
    const response = await send(new Request('/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) }));
    if (!response.ok) {
      // Unknown, expired or reused: the session is over. Anything else (429, 5xx) keeps the token for a later try.
      if (response.status === 401) endSession();
      return false;
    }
    startSession((await response.json()) as Session);
    return true;
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Adds the bearer token; on a 401 with a refresh token at hand, refreshes once and repeats the request. */
async function authenticatedFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  if (accessToken) input.headers.set('authorization', `Bearer ${accessToken}`);
  const response = await send(input);
  if (response.status !== 401 || input.url.includes('/v1/auth/') || !storedRefreshToken()) return response;
  if (!(await refreshSession())) return response;
  retry.headers.set('authorization', `Bearer ${accessToken}`);
  return send(retry);
}

export const api = createClient<paths>({ baseUrl: window.location.origin, fetch: authenticatedFetch });

/** A fresh Idempotency-Key (an RFC 8941 sf-string, quoted), made once per user action. */
export function idempotencyKey(): string {
  return `"${crypto.randomUUID()}"`;
}

/** The answer's body, or an ApiError built from its problem+json. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  throw problemOf(response, error);
}

export function problemOf(response: Response, body: unknown): ApiError {
  const retryAfter = Number(response.headers.get('retry-after'));
  const problem: Problem =
    body && typeof body === 'object' && 'title' in body
      ? (body as Problem)
      : { type: 'about:blank', status: response.status, title: response.statusText || `HTTP ${response.status}`, detail: 'The server answered with an error.' };
  return new ApiError(problem, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
}

/**
 * Reads a JSON route whose answer the gateway's document does not describe yet (the catalog's),
 * through the same client: path, parameters and errors stay typed, the body is `T`.
 */
export async function read<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw problemOf(response, error);
  return data as T;
}
