import { AccessTokenIssuer, GATEWAY_AUDIENCE, signingKeyFromSeed } from '@pathwise/gateway/feature';
import { AccessTokenVerifier, InvalidAccessToken } from '@pathwise/platform/auth';
import { createTestIssuer } from '@pathwise/platform/auth/testing';
import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import { base64url, SignJWT } from 'jose';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type RunningGateway, signUpAndLogIn, startGateway } from './testing';

/** Reliability cases 15–19 and 21 (docs/reliability.md) at the gateway, and the service audience convention. */
describe('access tokens at the gateway', () => {
  let gateway: RunningGateway;
  let learner: { userId: string; accessToken: string };
  let ownKey: ReturnType<typeof signingKeyFromSeed>;

  beforeAll(async () => {
    gateway = await startGateway();
    learner = await signUpAndLogIn(gateway.baseUrl);
    ownKey = signingKeyFromSeed(gateway.config.GATEWAY_SIGNING_KEYS[0] as string);
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const me = (token: string) => fetch(`${gateway.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } });

  /** A token signed with the gateway's real key, broken in exactly one way. */
  async function signed(options: { header?: Record<string, unknown>; claims?: Record<string, unknown>; expiresIn?: number | null } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = { iss: 'pathwise:gateway', aud: GATEWAY_AUDIENCE, sub: learner.userId, iat: now, roles: ['admin'], ...options.claims };
    if (options.expiresIn !== null) claims['exp'] = now + (options.expiresIn ?? 300);
    return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: ownKey.kid, ...options.header }).sign(ownKey.privateKey);
  }

  async function expectUnauthorized(token: string): Promise<void> {
    const response = await me(token);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="pathwise"/);
  }

  it('when the token is well formed, then the route answers (control case)', async () => {
    expect((await me(await signed())).status).toBe(200);
  });

  it.each(['none', 'NONE', 'noNE'])('when alg is %s without a signature, then 401 (row 15)', async (alg) => {
    const [, payload] = (await signed()).split('.');
    await expectUnauthorized(`${base64url.encode(JSON.stringify({ alg, typ: 'at+jwt' }))}.${payload}.`);
  });

  it('when the token is HS256-signed with our public key as the secret, then 401 (row 16)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(ownKey.publicJwk));
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: ownKey.kid })
      .setIssuer('pathwise:gateway')
      .setAudience(GATEWAY_AUDIENCE)
      .setSubject(learner.userId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await expectUnauthorized(forged);
  });

  it('when the payload is tampered with after signing, then 401 (row 16)', async () => {
    const [header, payload, signature] = learner.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString()) as Record<string, unknown>;
    await expectUnauthorized(`${header}.${base64url.encode(JSON.stringify({ ...claims, roles: ['admin'] }))}.${signature}`);
  });

  it.each([
    ['expired', { expiresIn: -60 }],
    ['not yet valid', { claims: { nbf: Math.floor(Date.now() / 1000) + 600 } }],
    ['without exp', { expiresIn: null }],
  ])('when the token is %s, then 401 (row 17)', async (_case, options) => {
    await expectUnauthorized(await signed(options));
  });

  it.each([
    ['for another audience (a service token replayed at the gateway)', { claims: { aud: 'pathwise:catalog' } }],
    ['from another issuer', { claims: { iss: 'https://evil.test' } }],
    ['typed as a plain JWT', { header: { typ: 'JWT' } }],
  ])('when the token is %s, then 401 (row 18)', async (_case, options) => {
    await expectUnauthorized(await signed(options));
  });

  it('when the token is signed by a key the gateway never published, then 401 (row 18)', async () => {
    const stranger = await createTestIssuer('pathwise:gateway');
    await expectUnauthorized(await stranger.token({ audience: GATEWAY_AUDIENCE, subject: learner.userId, roles: ['admin'] }));
  });

  it.each([['../../etc/passwd'], ["x' OR '1'='1"]])('when kid is %s, then 401 (row 19)', async (kid) => {
    await expectUnauthorized(await signed({ header: { kid } }));
  });

  it('when jku, x5u and jwk point at an attacker key set, then 401 and nothing is fetched (row 19)', async () => {
    const stranger = await createTestIssuer('pathwise:gateway');
    let fetched = 0;
    const server = createServer((_request, response) => {
      fetched += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stranger.jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    try {
      const token = await stranger.token({
        audience: GATEWAY_AUDIENCE,
        subject: learner.userId,
        overrides: { header: { jku: url, x5u: url, jwk: stranger.jwks.keys[0] } },
      });
      await expectUnauthorized(token);
      expect(fetched).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('when the token is sent in the query string, then 401 even with a valid token, and the token is not echoed (row 20)', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/me?access_token=${learner.accessToken}`, { headers: { authorization: `Bearer ${learner.accessToken}` } });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(await response.text()).not.toContain(learner.accessToken);
  });

  it('when a protected route is called without credentials or with another scheme, then 401 (row 21)', async () => {
    const anonymous = await fetch(`${gateway.baseUrl}/v1/me`);
    const basic = await fetch(`${gateway.baseUrl}/v1/me`, { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(anonymous.status).toBe(401);
    expect(basic.status).toBe(401);
  });

  describe('tokens the gateway mints for services', () => {
    it('when a service verifies a gateway-minted token against the JWKS over HTTP, then only its own audience passes', async () => {
      const issuer = new AccessTokenIssuer('pathwise:gateway', [ownKey]);
      const jwksUrl = `${gateway.baseUrl}/.well-known/jwks.json`;
      const catalog = new AccessTokenVerifier({ issuer: 'pathwise:gateway', audience: 'pathwise:catalog', jwksUrl });
      const progress = new AccessTokenVerifier({ issuer: 'pathwise:gateway', audience: 'pathwise:progress', jwksUrl });
      const { token } = await issuer.issue({ subject: learner.userId, roles: ['editor'], audience: 'pathwise:catalog', ttlSeconds: 60 });

      await expect(catalog.verify(token)).resolves.toMatchObject({ subject: learner.userId, roles: ['editor'] });
      await expect(progress.verify(token)).rejects.toBeInstanceOf(InvalidAccessToken);
      await expect(catalog.verify(learner.accessToken)).rejects.toBeInstanceOf(InvalidAccessToken);
    });
  });
});
