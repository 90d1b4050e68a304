import { base64url, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createTestIssuer, type TestIssuer } from '../testing';
import { AccessTokenVerifier, InvalidAccessToken } from './access-token';

const AUDIENCE = 'pathwise:catalog';

describe('AccessTokenVerifier', () => {
  let issuer: TestIssuer;
  let verifier: AccessTokenVerifier;

  beforeAll(async () => {
    issuer = await createTestIssuer();
    verifier = new AccessTokenVerifier({ issuer: issuer.issuer, audience: AUDIENCE, jwks: issuer.jwks });
  });

  const rejects = (token: string) => expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidAccessToken);

  it('when the token is valid, then the principal carries the subject and the known roles only', async () => {
    const token = await issuer.token({ subject: 'user-1', roles: ['editor', 'root' as never], audience: AUDIENCE });
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'user-1', roles: ['editor'] });
  });

  it.each(['none', 'NONE', 'noNE'])('when alg is %s and there is no signature, then it is rejected', async (alg) => {
    const valid = await issuer.token({ audience: AUDIENCE });
    const [, payload] = valid.split('.');
    const header = base64url.encode(JSON.stringify({ alg, typ: 'at+jwt' }));
    await rejects(`${header}.${payload}.`);
  });

  it('when the token is HS256-signed with our public key as the secret, then it is rejected', async () => {
    const publicJwk = issuer.jwks.keys[0];
    const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: publicJwk?.kid })
      .setIssuer(issuer.issuer)
      .setAudience(AUDIENCE)
      .setSubject('attacker')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(secret);
    await rejects(forged);
  });

  it('when the payload is tampered with after signing, then it is rejected', async () => {
    const [header, payload, signature] = (await issuer.token({ audience: AUDIENCE, roles: ['learner'] })).split('.');
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload as string)));
    const tampered = base64url.encode(JSON.stringify({ ...claims, roles: ['admin'] }));
    await rejects(`${header}.${tampered}.${signature}`);
  });

  it.each([
    ['expired', { expiresInSeconds: -60 }],
    ['not yet valid', { claims: { nbf: Math.floor(Date.now() / 1000) + 600 } }],
    ['without exp', { omitExpiry: true }],
    ['for another issuer', { claims: { iss: 'https://evil.test' } }],
    ['for another audience', { claims: { aud: 'pathwise:progress' } }],
    ['typed as a refresh token', { header: { typ: 'rt+jwt' } }],
    ['typed as a plain JWT', { header: { typ: 'JWT' } }],
    ['naming a kid with a path traversal', { header: { kid: '../../etc/passwd' } }],
    ["naming a kid with SQL", { header: { kid: "x' OR '1'='1" } }],
  ])('when the token is %s, then it is rejected', async (_case, overrides) => {
    await rejects(await issuer.token({ audience: AUDIENCE, overrides }));
  });

  it('when the token is signed by a key the issuer never published, then it is rejected', async () => {
    const stranger = await createTestIssuer(issuer.issuer);
    await rejects(await stranger.token({ audience: AUDIENCE }));
  });

  it('when the token points at its own key (jku, x5u, embedded jwk), then nothing is fetched and it is rejected', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const forged = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: 'attacker', jku: 'http://169.254.169.254/jwks', x5u: 'http://evil.test/cert', jwk: await exportJWK(publicKey) })
      .setIssuer(issuer.issuer)
      .setAudience(AUDIENCE)
      .setSubject('attacker')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await rejects(forged);
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('when a verified token comes again, then it is accepted from memory; once it expires, it is refused', async () => {
    const token = await issuer.token({ subject: 'user-2', audience: AUDIENCE, overrides: { expiresInSeconds: 60 } });
    const first = await verifier.verify(token);
    expect(await verifier.verify(token)).toBe(first);

    jest.useFakeTimers({ now: Date.now() + 120_000, doNotFake: ['nextTick', 'setImmediate'] });
    try {
      await rejects(token);
    } finally {
      jest.useRealTimers();
    }
  });

  it('when remembering is off or full, then tokens are still verified correctly', async () => {
    const small = new AccessTokenVerifier({ issuer: issuer.issuer, audience: AUDIENCE, jwks: issuer.jwks, cacheEntries: 1 });
    const [a, b] = await Promise.all([issuer.token({ subject: 'a', audience: AUDIENCE }), issuer.token({ subject: 'b', audience: AUDIENCE })]);
    expect((await small.verify(a)).subject).toBe('a');
    expect((await small.verify(b)).subject).toBe('b');
    expect((await small.verify(a)).subject).toBe('a');
    const off = new AccessTokenVerifier({ issuer: issuer.issuer, audience: AUDIENCE, jwks: issuer.jwks, cacheEntries: 0 });
    expect((await off.verify(a)).subject).toBe('a');
  });

  it.each(['', 'garbage', 'a.b.c', 'x'.repeat(10_000)])('when the token is malformed (%#), then it is rejected', async (token) => {
    await rejects(token);
  });
});
