import { applyDecorators, CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor, OnModuleInit, UseInterceptors } from '@nestjs/common';
import { ApiHeader, DECORATORS } from '@nestjs/swagger';
import type { Principal } from '@pathwise/platform/auth';
import { ProblemException, problemType } from '@pathwise/platform/http';
import { REDIS, withRedisTimeout } from '@pathwise/platform/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { from, type Observable, of, switchMap } from 'rxjs';
import { GATEWAY_OPTIONS, type GatewayOptions } from '../gateway.options';
import { fingerprint, IDEMPOTENCY_KEY_PATTERN, parseIdempotencyKey, scopedKey } from './idempotency-key';

/** Completed responses are kept this long (documented in docs/patterns/idempotency-keys.md). */
const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** A request still running after this long is presumed dead and its key can be used again. */
const IN_FLIGHT_TTL_SECONDS = 60;
const STORED_HEADERS = ['content-type', 'location', 'etag', 'last-modified', 'cache-control'];

interface InFlight {
  state: 'in-flight';
  fingerprint: string;
}
interface Completed {
  state: 'completed';
  fingerprint: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What the onSend hook needs to store the answer; set on the request by the interceptor. */
interface IdempotencyRecorder {
  /** The key the service receives: scoped per principal, so services never see raw client keys. */
  forwardedKey: string;
  complete(status: number, headers: Record<string, unknown>, payload: unknown): Promise<void>;
}

export type IdempotentRequest = FastifyRequest & { principal?: Principal; idempotency?: IdempotencyRecorder };

// Claim the key if free; otherwise return what is stored. One round trip, so two racing requests
// cannot both claim it (no check-then-act).
const CLAIM = `
local stored = redis.call('GET', KEYS[1])
if stored then return stored end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false`;

/** The script as an ioredis command: sent by its SHA (EVALSHA), and in full only when Redis lacks it. */
type WithIdempotencyClaim = Redis & { idempotencyClaim(key: string, inFlight: string, ttlSeconds: number): Promise<string | null> };

/**
 * IETF Idempotency-Key draft for POST/PATCH: the first request with a key runs; a retry after it
 * completed gets the stored response (status, headers, body); a retry while it runs gets 409; the
 * same key with a different payload gets 422. Redis down means no guarantee, so 503 (ADR 0011).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit {
  private readonly logger = new Logger('Idempotency');
  private readonly redis: WithIdempotencyClaim;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
  ) {
    this.redis = redis as WithIdempotencyClaim;
  }

  // At init rather than in the constructor: the OpenAPI document is rendered from controllers whose
  // dependencies are empty stubs, and it never initialises the app.
  onModuleInit(): void {
    this.redis.defineCommand('idempotencyClaim', { numberOfKeys: 1, lua: CLAIM });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const parsed = parseIdempotencyKey(request.headers['idempotency-key']);
    if (!parsed) throw keyProblem('idempotency-key-missing', 'This request changes state: send an Idempotency-Key header, e.g. Idempotency-Key: "<uuid>"');
    if (!parsed.ok) throw keyProblem('idempotency-key-invalid', `Idempotency-Key ${parsed.reason}`);

    // Every @Idempotent() route is @Authenticated(), so keys are always scoped to a principal.
    if (!request.principal) throw new Error('@Idempotent() used on a route without @Authenticated()');
    const forwardedKey = scopedKey(request.principal.subject, parsed.key);
    const redisKey = `${this.options.redisKeyPrefix}idempotency:${forwardedKey}`;
    const print = fingerprint(request.method, request.url, request.body);
    return from(this.claim(redisKey, print)).pipe(
      switchMap((stored) => {
        if (stored === null) {
          request.idempotency = { forwardedKey: `"${forwardedKey}"`, complete: (status, headers, payload) => this.complete(redisKey, print, status, headers, payload) };
          return next.handle();
        }
        if (stored.fingerprint !== print) {
          throw new ProblemException({ type: problemType('idempotency-key-reused'), status: 422, title: 'Idempotency-Key reused', detail: 'This key was used with a different request; use a new key.' });
        }
        if (stored.state === 'in-flight') {
          throw new ProblemException(
            { type: problemType('idempotency-key-in-use'), status: 409, title: 'Request in progress', detail: 'A request with this key is still running; retry later.' },
            { 'retry-after': '1' },
          );
        }
        void reply.status(stored.status).headers({ ...stored.headers, 'idempotent-replayed': 'true' }).send(stored.body);
        return of(undefined);
      }),
    );
  }

  private async claim(redisKey: string, print: string): Promise<InFlight | Completed | null> {
    const inFlight: InFlight = { state: 'in-flight', fingerprint: print };
    let stored: string | null;
    try {
      stored = await withRedisTimeout(this.redis.idempotencyClaim(redisKey, JSON.stringify(inFlight), IN_FLIGHT_TTL_SECONDS));
    } catch (error) {
      this.logger.warn({ err: error }, 'idempotency store unavailable');
      throw new ProblemException(
        { type: problemType('idempotency-unavailable'), status: 503, title: 'Service unavailable', detail: 'Requests that change state cannot be accepted right now; retry with the same key.' },
        { 'retry-after': '5' },
      );
    }
    return stored ? (JSON.parse(stored) as InFlight | Completed) : null;
  }

  /** Server failures release the key: the retry runs again and the service dedupes by the forwarded key. */
  private async complete(redisKey: string, print: string, status: number, headers: Record<string, unknown>, payload: unknown): Promise<void> {
    try {
      if (status >= 500) {
        await withRedisTimeout(this.redis.del(redisKey));
        return;
      }
      const kept = Object.fromEntries(STORED_HEADERS.flatMap((name) => (headers[name] === undefined ? [] : [[name, String(headers[name])]])));
      const body = payload === undefined || payload === null ? '' : Buffer.isBuffer(payload) ? payload.toString('utf8') : String(payload);
      const completed: Completed = { state: 'completed', fingerprint: print, status, headers: kept, body };
      await withRedisTimeout(this.redis.set(redisKey, JSON.stringify(completed), 'EX', IDEMPOTENCY_TTL_SECONDS));
    } catch (error) {
      // The effect happened; a retry will get 409 until the in-flight marker expires, never a second effect.
      this.logger.error({ err: error }, 'could not store the idempotent response');
    }
  }
}

function keyProblem(slug: string, detail: string): ProblemException {
  return new ProblemException({ type: problemType(slug), status: 400, title: 'Bad Idempotency-Key', detail, errors: [{ pointer: '/idempotency-key', in: 'header', detail }] });
}

/**
 * Marks a POST/PATCH route of an `@Authenticated()` controller as state-changing: it needs an
 * Idempotency-Key, scoped to the caller. The route must send its own reply (`@Res()`), so a
 * replayed response is the only one sent.
 */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: true,
      schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN },
      description: 'A quoted unique string (sf-string), e.g. "2f1c…". Retries with the same key and body replay the first response for 24 h; another body gets 422; while the first runs, 409.',
    }),
    keyAnswers,
  );

/**
 * What the interceptor itself answers before the route runs, added to the route's documented
 * answers. Where the route documents a status already, its own wording stays, so @Idempotent()
 * is written above @Endpoint (decorators apply bottom-up).
 */
const KEY_ANSWERS: Record<number, string> = {
  400: 'Idempotency-Key missing or malformed',
  409: 'A request with this Idempotency-Key is still running; retry after Retry-After',
  422: 'This Idempotency-Key was used with another request',
  503: 'Idempotency keys cannot be stored right now; retry with the same key',
};

const keyAnswers: MethodDecorator = (_target, _key, descriptor) => {
  const handler = descriptor.value as object;
  const documented = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as Record<string, unknown>;
  const added = Object.fromEntries(Object.entries(KEY_ANSWERS).filter(([status]) => !(status in documented)).map(([status, description]) => [status, { description }]));
  Reflect.defineMetadata(DECORATORS.API_RESPONSE, { ...documented, ...added }, handler);
  return descriptor;
};
