import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export const ROLES = ['learner', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, as proven by a verified access token. Never built from a plain header. */
export interface Principal {
  /** The user id (`sub`). */
  readonly subject: string;
  readonly roles: readonly Role[];
  /** `jti`, for logs and revocation lists. */
  readonly tokenId?: string;
}

/** The one signature algorithm accepted: Ed25519. `none`, HS* and anything else are refused before any key is chosen. */
export const ACCESS_TOKEN_ALGORITHMS = ['EdDSA'];

/** RFC 9068 §2.1: access tokens carry `typ: at+jwt`, so a refresh or ID token cannot pass for one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

export interface AccessTokenVerifierOptions {
  issuer: string;
  /** This service's audience; a token minted for another service is refused. */
  audience: string;
  /** Where the issuer publishes its public keys; fetched on demand and cached. */
  jwksUrl?: string;
  /** A fixed key set instead of `jwksUrl` (tests, air-gapped deployments). */
  jwks?: JSONWebKeySet;
  clockToleranceSeconds?: number;
  /** Verified tokens remembered until they expire (0 turns this off). */
  cacheEntries?: number;
}

export class InvalidAccessToken extends Error {
  constructor(readonly reason: string) {
    super(`access token rejected: ${reason}`);
    this.name = 'InvalidAccessToken';
  }
}

/**
 * Verifies access tokens (RFC 9068 profile) against the issuer's JWKS. Keys come only from the
 * configured key set: `jku`, `x5u` and embedded `jwk` headers are ignored, so a token can never
 * make this service fetch or trust a key it names itself, and `kid` is only ever a lookup key.
 */
export class AccessTokenVerifier {
  private readonly keys: JWTVerifyGetKey;
  // A verified token stays valid until `exp` (access tokens are short-lived and not revocable), so
  // each token's signature is checked once per process, not on every request that carries it.
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(private readonly options: AccessTokenVerifierOptions) {
    if (options.jwks) this.keys = createLocalJWKSet(options.jwks);
    else if (options.jwksUrl) this.keys = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 2_000, cooldownDuration: 30_000 });
    else throw new Error('AccessTokenVerifier needs jwks or jwksUrl');
  }

  async verify(token: string): Promise<Principal> {
    const remembered = this.verified.get(token);
    if (remembered && remembered.expiresAtMs > Date.now()) return remembered.principal;
    if (remembered) this.verified.delete(token);
    const { principal, expiresAtMs } = await this.#verifySignatureAndClaims(token);
    this.#remember(token, principal, expiresAtMs);
    return principal;
  }

  #remember(token: string, principal: Principal, expiresAtMs: number): void {
    const capacity = this.options.cacheEntries ?? 10_000;
    if (capacity <= 0) return;
    // Insertion order makes the first key the oldest entry.
    if (this.verified.size >= capacity) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal, expiresAtMs });
  }

  async #verifySignatureAndClaims(token: string): Promise<{ principal: Principal; expiresAtMs: number }> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ACCESS_TOKEN_ALGORITHMS,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
      });
      const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((role): role is Role => ROLES.includes(role as Role)) : [];
      const principal = { subject: payload.sub as string, roles, ...(payload.jti ? { tokenId: payload.jti } : {}) };
      return { principal, expiresAtMs: (payload.exp as number) * 1000 };
    } catch (error) {
      // An unreachable key set is an outage, not a bad token: it surfaces as a 5xx, not a 401.
      if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout) throw error;
      throw new InvalidAccessToken(error.code);
    }
  }
}
