import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export const ROLES = ['learner', 'editor', 'admin', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a person's account can hold; `service` is only ever minted by a service issuer. */
export const USER_ROLES = ['learner', 'editor', 'admin'] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];

/** The one role a service issuer (the saga-worker) may put in a token. */
export const SERVICE_ROLES = ['service'] as const satisfies readonly Role[];

/** Who is calling, as proven by a verified access token. Never built from a plain header. */
export interface Principal {
  /** The user id (`sub`). */
  readonly subject: string;
  readonly roles: readonly Role[];
  /** `jti`, for logs and revocation lists. */
  readonly tokenId?: string;
  /** `iss`: who vouched for this caller (the gateway for people, the saga-worker for services). */
  readonly issuer?: string;
}

/** The one signature algorithm accepted: Ed25519. `none`, HS* and anything else are refused before any key is chosen. */
export const ACCESS_TOKEN_ALGORITHMS = ['EdDSA'];

/** RFC 9068 §2.1: access tokens carry `typ: at+jwt`, so a refresh or ID token cannot pass for one. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** One issuer this service believes, with its own keys and the roles it may grant. */
export interface TrustedIssuer {
  issuer: string;
  /** Where the issuer publishes its public keys; fetched on demand and cached. */
  jwksUrl?: string;
  /** A fixed key set instead of `jwksUrl` (tests, air-gapped deployments). */
  jwks?: JSONWebKeySet;
  /**
   * Roles this issuer may grant (default: `USER_ROLES`). A token carrying any other known role is
   * refused whole, so a leaked service key cannot mint an admin and the gateway cannot mint a service.
   */
  roles?: readonly Role[];
}

/** One issuer (`{ issuer, jwksUrl | jwks }`, as before) or several (`{ issuers: [...] }`). */
export type AccessTokenVerifierOptions = (TrustedIssuer | { issuers: readonly TrustedIssuer[] }) & {
  /** This service's audience; a token minted for another service is refused. */
  audience: string;
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
  private readonly issuers = new Map<string, { keys: JWTVerifyGetKey; roles: readonly Role[] }>();
  // A verified token stays valid until `exp` (access tokens are short-lived and not revocable), so
  // each token's signature is checked once per process, not on every request that carries it.
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(private readonly options: AccessTokenVerifierOptions) {
    const trusted = 'issuers' in options ? options.issuers : [options];
    if (trusted.length === 0) throw new Error('AccessTokenVerifier needs at least one issuer');
    for (const { issuer, jwks, jwksUrl, roles = USER_ROLES } of trusted) {
      if (this.issuers.has(issuer)) throw new Error(`issuer ${issuer} is configured twice`);
      let keys: JWTVerifyGetKey;
      if (jwks) keys = createLocalJWKSet(jwks);
      else if (jwksUrl) keys = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 2_000, cooldownDuration: 30_000 });
      else throw new Error(`AccessTokenVerifier needs jwks or jwksUrl for ${issuer}`);
      this.issuers.set(issuer, { keys, roles });
    }
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
      // The unverified `iss` only picks which key set to try; jwtVerify then requires that very issuer.
      const issuer = decodeJwt(token).iss;
      const trusted = issuer === undefined ? undefined : this.issuers.get(issuer);
      if (!trusted || issuer === undefined) throw new InvalidAccessToken('ERR_JWT_CLAIM_VALIDATION_FAILED');
      const { payload } = await jwtVerify(token, trusted.keys, {
        issuer,
        audience: this.options.audience,
        algorithms: ACCESS_TOKEN_ALGORITHMS,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ['exp', 'iat', 'sub'],
        clockTolerance: this.options.clockToleranceSeconds ?? 5,
      });
      const roles = Array.isArray(payload['roles']) ? payload['roles'].filter((role): role is Role => ROLES.includes(role as Role)) : [];
      if (roles.some((role) => !trusted.roles.includes(role))) throw new InvalidAccessToken('ERR_ROLE_NOT_GRANTABLE_BY_ISSUER');
      const principal = { subject: payload.sub as string, roles, issuer, ...(payload.jti ? { tokenId: payload.jti } : {}) };
      return { principal, expiresAtMs: (payload.exp as number) * 1000 };
    } catch (error) {
      if (error instanceof InvalidAccessToken) throw error;
      // An unreachable key set is an outage, not a bad token: it surfaces as a 5xx, not a 401.
      if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSTimeout) throw error;
      throw new InvalidAccessToken(error.code);
    }
  }
}
