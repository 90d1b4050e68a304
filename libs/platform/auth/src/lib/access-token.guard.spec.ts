import type { FastifyRequest } from 'fastify';
import { createTestIssuer, type TestIssuer } from '../testing';
import { AccessTokenVerifier } from './access-token';
import { requestPrincipal } from './access-token.guard';

const AUDIENCE = 'pathwise:gateway';

describe('requestPrincipal', () => {
  let issuer: TestIssuer;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    verifier = new AccessTokenVerifier({ issuer: issuer.issuer, audience: AUDIENCE, jwks: issuer.jwks, cacheEntries: 0 });
  });

  const requestWith = (authorization?: string) => ({ headers: authorization === undefined ? {} : { authorization } }) as FastifyRequest;

  it('when asked twice for one request, then the token is verified once and both get the same principal', async () => {
    const verify = jest.spyOn(verifier, 'verify');
    const request = requestWith(`Bearer ${await issuer.token({ subject: 'user-1', audience: AUDIENCE })}`);
    const first = await requestPrincipal(request, verifier);
    expect(await requestPrincipal(request, verifier)).toBe(first);
    expect(first.subject).toBe('user-1');
    expect(verify).toHaveBeenCalledTimes(1);
    verify.mockRestore();
  });

  it.each([
    ['no Authorization header', undefined, 'Bearer realm="pathwise"'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'Bearer realm="pathwise", error="invalid_request"'],
    ['an invalid token', 'Bearer not.a.token', 'Bearer realm="pathwise", error="invalid_token"'],
  ])('when the request has %s, then every caller gets the same 401 with its challenge', async (_case, authorization, challenge) => {
    const request = requestWith(authorization);
    const first = requestPrincipal(request, verifier);
    await expect(first).rejects.toMatchObject({ problem: { status: 401 }, headers: { 'www-authenticate': challenge } });
    expect(requestPrincipal(request, verifier)).toBe(first);
  });
});
