import { createHash, createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { ACCESS_TOKEN_TYPE, SERVICE_ROLES } from './access-token';

// RFC 8410 §7: a PKCS#8 Ed25519 private key is this fixed DER prefix followed by the 32-byte seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface ServiceSigningKey {
  /** RFC 7638 thumbprint of the public key: stable, derived, never chosen by a caller. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
}

/** An Ed25519 key from a 32-byte hex seed: the format of `GATEWAY_SIGNING_KEYS` and `SAGA_SIGNING_KEY`. */
export function serviceSigningKeyFromSeed(seedHex: string): ServiceSigningKey {
  if (!/^[0-9a-f]{64}$/i.test(seedHex)) throw new Error('an Ed25519 signing key seed is 64 hex characters');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8' });
  const { crv, kty, x } = createPublicKey(privateKey).export({ format: 'jwk' }) as { crv: string; kty: string; x: string };
  // RFC 7638 §3.2: the thumbprint hashes the required members in lexicographic order, no spaces.
  const kid = createHash('sha256').update(JSON.stringify({ crv, kty, x })).digest('base64url');
  return { kid, privateKey, publicJwk: { kty, crv, x, kid, alg: 'EdDSA', use: 'sig' } };
}

export interface ServiceTokenIssuerOptions {
  /** `iss`, e.g. `pathwise:saga-worker`; receivers trust it only for role `service`. */
  issuer: string;
  /** `sub` of every token: the calling service. */
  subject: string;
  /** Hex seeds; the first signs, all are published so a rotated-out key still verifies its tokens. */
  seeds: readonly string[];
  ttlSeconds?: number;
}

/** What an activity needs to call a service: a bearer token for that service's audience. */
export interface ServiceTokenSource {
  forAudience(audience: string): Promise<string>;
}

const DEFAULT_TTL_SECONDS = 60;
/** A cached token is reused only while it has at least this long left, so it never expires in flight. */
const MIN_REMAINING_SECONDS = 30;

/**
 * Mints the service's own short-lived access tokens (RFC 9068 profile, role `service` only, one
 * audience each). Not on behalf of a person: the role is fixed here, no caller can widen it.
 */
export class ServiceTokenIssuer implements ServiceTokenSource {
  readonly jwks: JSONWebKeySet;
  private readonly active: ServiceSigningKey;
  private readonly ttlSeconds: number;
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly options: ServiceTokenIssuerOptions) {
    const keys = options.seeds.map(serviceSigningKeyFromSeed);
    const [active] = keys;
    if (!active) throw new Error('at least one signing key is required');
    this.active = active;
    this.jwks = { keys: keys.map((key) => key.publicJwk) };
    this.ttlSeconds = options.ttlSeconds ?? DEFAULT_TTL_SECONDS;
    if (this.ttlSeconds <= MIN_REMAINING_SECONDS) throw new Error(`service tokens live longer than ${MIN_REMAINING_SECONDS}s`);
  }

  async forAudience(audience: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const cached = this.cache.get(audience);
    if (cached && cached.expiresAt - now >= MIN_REMAINING_SECONDS) return cached.token;
    const expiresAt = now + this.ttlSeconds;
    const token = await new SignJWT({ roles: [...SERVICE_ROLES] })
      .setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, kid: this.active.kid })
      .setIssuer(this.options.issuer)
      .setAudience(audience)
      .setSubject(this.options.subject)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.active.privateKey);
    // Audiences are a handful of configured services, so the cache stays tiny.
    this.cache.set(audience, { token, expiresAt });
    return token;
  }
}
