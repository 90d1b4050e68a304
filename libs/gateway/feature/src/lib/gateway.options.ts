export const GATEWAY_OPTIONS = Symbol('GATEWAY_OPTIONS');

export interface RateLimitPolicy {
  /** Requests allowed per window (`q` in RateLimit-Policy). */
  quota: number;
  windowSeconds: number;
}

export interface DownstreamOptions {
  baseUrl: string;
  /** The audience its tokens must carry (`pathwise:catalog`, …). */
  audience: string;
  timeoutMs: number;
}

export interface GatewayOptions {
  issuer: string;
  /** Hex Ed25519 seeds; the first signs (ADR 0010). */
  signingKeySeeds: readonly string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** Every Redis key of the gateway starts with this, so deployments (and test suites) never collide. */
  redisKeyPrefix: string;
  corsOrigins: readonly string[];
  rateLimits: { principal: RateLimitPolicy; anonymous: RateLimitPolicy; auth: RateLimitPolicy };
  loginThrottle: { perAccount: number; perIp: number; windowSeconds: number };
  /** Where the gateway starts workflows (the saga-worker's task queue). */
  workflows: { taskQueue: string };
  downstreams: { catalog: DownstreamOptions; progress: DownstreamOptions; recommendation: DownstreamOptions };
  /** Circuit breaker and retry settings shared by the downstream clients. */
  breaker: {
    /** Share of failed attempts (0–1) within the window that opens the circuit… */
    failureRate: number;
    /** …once the window holds at least this many attempts, so a handful of errors never opens it. */
    minimumCalls: number;
    windowMs: number;
    /** How long it stays open before one trial call (half-open). */
    halfOpenAfterMs: number;
    maxAttempts: number;
  };
}

/** The gateway's own audience: what clients' access tokens carry. */
export const GATEWAY_AUDIENCE = 'pathwise:gateway';
