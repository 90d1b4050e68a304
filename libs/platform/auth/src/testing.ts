import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCESS_TOKEN_TYPE, type Role } from './lib/access-token';

export interface TestIssuer {
  issuer: string;
  /** Public keys to hand to `AuthModule.forRoot({ jwks })`. */
  jwks: JSONWebKeySet;
  /** A valid access token for `audience`, unless `overrides` break it on purpose. */
  token(input: { subject?: string; roles?: Role[]; audience: string; overrides?: TokenOverrides }): Promise<string>;
}

export interface TokenOverrides {
  claims?: JWTPayload;
  header?: Record<string, unknown>;
  expiresInSeconds?: number;
  omitExpiry?: boolean;
}

/** A real Ed25519 issuer for tests: services verify its tokens exactly as they verify the gateway's. */
export async function createTestIssuer(issuer = 'https://issuer.test'): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const kid = randomUUID();
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' }] };
  return {
    issuer,
    jwks,
    async token({ subject = randomUUID(), roles = ['learner'], audience, overrides = {} }) {
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: issuer, aud: audience, sub: subject, iat: now, jti: randomUUID(), roles, ...overrides.claims };
      const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, kid, ...overrides.header });
      if (!overrides.omitExpiry) jwt.setExpirationTime(now + (overrides.expiresInSeconds ?? 300));
      return jwt.sign(privateKey);
    },
  };
}

/** Serves the issuer's JWKS over real HTTP, as the gateway does, for apps configured with `AUTH_JWKS_URL`. */
export async function serveJwks(issuer: TestIssuer): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify(issuer.jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/.well-known/jwks.json`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
