import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { AccessTokenVerifier, requestPrincipal } from '@pathwise/platform/auth';
import { ProblemException, problemType } from '@pathwise/platform/http';
import { METRICS_REGISTRY } from '@pathwise/platform/observability';
import { REDIS, withRedisTimeout } from '@pathwise/platform/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { Counter, type Registry } from 'prom-client';
import { GATEWAY_OPTIONS, type GatewayOptions, type RateLimitPolicy } from '../gateway.options';

// Fixed window that starts at a partition's first request: count and remaining time in one round
// trip, atomic across every gateway replica sharing this Redis. A key without expiry (PTTL -1) is
// either new (INCR just created it) or lost its TTL; both get the full window.
const HIT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {count, ttl}`;

/** The script as an ioredis command: sent by its SHA (EVALSHA), and in full only when Redis lacks it. */
type WithRateLimitHit = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

type PolicyName = keyof GatewayOptions['rateLimits'];

/**
 * Quotas for /v1: per principal when the request carries a valid access token, per client IP
 * otherwise, and a stricter per-IP quota on /v1/auth. Answers carry the IETF RateLimit-Policy and
 * RateLimit fields (draft-ietf-httpapi-ratelimit-headers); over quota is 429 problem+json with
 * Retry-After, and the handler never runs. Redis unavailable: fail open, counted (ADR 0011).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');
  private readonly decisions: Counter<'policy' | 'decision'>;
  private lastWarning = 0;
  private readonly redis: WithRateLimitHit;
  /** The RateLimit-Policy value of each policy: fixed by the options, so built once. */
  private readonly policyHeaders: Record<PolicyName, string>;

  constructor(
    @Inject(REDIS) redis: Redis,
    @Inject(GATEWAY_OPTIONS) private readonly options: GatewayOptions,
    private readonly verifier: AccessTokenVerifier,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT });
    this.redis = redis as WithRateLimitHit;
    const policyHeader = (name: PolicyName) => `"${name}";q=${options.rateLimits[name].quota};w=${options.rateLimits[name].windowSeconds}`;
    this.policyHeaders = { principal: policyHeader('principal'), anonymous: policyHeader('anonymous'), auth: policyHeader('auth') };
    this.decisions =
      (registry.getSingleMetric('gateway_rate_limit_decisions_total') as Counter<'policy' | 'decision'> | undefined) ??
      new Counter({ name: 'gateway_rate_limit_decisions_total', help: 'Rate-limit decisions by policy: allowed, limited, degraded (Redis unavailable, let through)', labelNames: ['policy', 'decision'], registers: [registry] });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const route = request.routeOptions.url ?? '';
    if (!route.startsWith('/v1/')) return true;
    const { name, policy, partition } = await this.classify(request, route);

    let count: number;
    let ttlMs: number;
    try {
      [count, ttlMs] = await withRedisTimeout(this.redis.rateLimitHit(`${this.options.redisKeyPrefix}ratelimit:${name}:${partition}`, policy.windowSeconds * 1000));
    } catch (error) {
      this.decisions.inc({ policy: name, decision: 'degraded' });
      if (Date.now() - this.lastWarning > 10_000) {
        this.lastWarning = Date.now();
        this.logger.warn({ err: error }, 'rate limiting degraded: Redis unavailable, requests pass unlimited');
      }
      return true;
    }

    const resetSeconds = Math.max(1, Math.ceil(ttlMs / 1000));
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('ratelimit-policy', this.policyHeaders[name]);
    void reply.header('ratelimit', `"${name}";r=${Math.max(0, policy.quota - count)};t=${resetSeconds}`);
    if (count <= policy.quota) {
      this.decisions.inc({ policy: name, decision: 'allowed' });
      return true;
    }
    this.decisions.inc({ policy: name, decision: 'limited' });
    throw new ProblemException(
      { type: problemType('quota-exceeded'), status: 429, title: 'Too many requests', detail: `Quota of ${policy.quota} requests per ${policy.windowSeconds} s exceeded; retry after ${resetSeconds} s.` },
      { 'retry-after': String(resetSeconds) },
    );
  }

  private async classify(request: FastifyRequest, route: string): Promise<{ name: PolicyName; policy: RateLimitPolicy; partition: string }> {
    const { rateLimits } = this.options;
    // request.ip is the socket peer, or the client a trusted proxy forwarded (GATEWAY_TRUSTED_PROXIES).
    if (route.startsWith('/v1/auth/')) return { name: 'auth', policy: rateLimits.auth, partition: request.ip };
    // Anonymous reads (most traffic) carry no header: skip building the 401 nobody here would use.
    if (request.headers.authorization) {
      try {
        // Verified once per request: the route's @Authenticated() guard reuses this result.
        const principal = await requestPrincipal(request, this.verifier);
        return { name: 'principal', policy: rateLimits.principal, partition: principal.subject };
      } catch {
        // An invalid token is rejected by the route's guard; until then it counts against the IP.
      }
    }
    return { name: 'anonymous', policy: rateLimits.anonymous, partition: request.ip };
  }
}
