import { createHash, createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import { ACCESS_TOKEN_TYPE, type Role } from '@pathwise/platform/auth';
import { SignJWT, type JSONWebKeySet, type JWK } from 'jose';

// RFC 8410 §7: a PKCS#8 Ed25519 private key is this fixed DER prefix followed by the 32-byte seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface SigningKey {
  /** RFC 7638 thumbprint of the public key: stable, derived, never chosen by a caller. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
}

/** Ed25519 keys from 32-byte hex seeds (`GATEWAY_SIGNING_KEYS`); see ADR 0010. */
export function signingKeyFromSeed(seedHex: string): SigningKey {
  if (!/^[0-9a-f]{64}$/i.test(seedHex)) throw new Error('an Ed25519 signing key seed is 64 hex characters');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8' });
  const { crv, kty, x } = createPublicKey(privateKey).export({ format: 'jwk' }) as { crv: string; kty: string; x: string };
  // RFC 7638 §3.2: the thumbprint hashes the required members in lexicographic order, no spaces.
  const kid = createHash('sha256').update(JSON.stringify({ crv, kty, x })).digest('base64url');
  return { kid, privateKey, publicJwk: { kty, crv, x, kid, alg: 'EdDSA', use: 'sig' } };
}

export interface AccessTokenClaims {
  subject: string;
  roles: readonly Role[];
  audience: string;
  ttlSeconds: number;
}

/**
 * The signing side of access tokens (RFC 9068 profile): the first key signs, every key is
 * published, so a rotated-out key keeps verifying the tokens it signed until they expire.
 */
export class AccessTokenIssuer {
  readonly jwks: JSONWebKeySet;
  private readonly active: SigningKey;

  constructor(
    readonly issuer: string,
    keys: readonly SigningKey[],
  ) {
    const [active] = keys;
    if (!active) throw new Error('at least one signing key is required');
    this.active = active;
    this.jwks = { keys: keys.map((key) => key.publicJwk) };
  }

  async issue({ subject, roles, audience, ttlSeconds }: AccessTokenClaims): Promise<{ token: string; expiresAt: number }> {
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + ttlSeconds;
    const token = await new SignJWT({ roles: [...roles] })
      .setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, kid: this.active.kid })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(this.active.privateKey);
    return { token, expiresAt };
  }
}
