import { Controller, Get, Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@pathwise/platform/http';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { randomBytes } from 'node:crypto';
import { createTestIssuer, type TestIssuer } from '../testing';
import { AccessTokenVerifier, InvalidAccessToken, SERVICE_ROLES, type TrustedIssuer } from './access-token';
import { Authenticated, CurrentPrincipal, RequireRoles } from './access-token.guard';
import { AuthModule } from './auth.module';
import { ServiceCredentialsModule } from './service-credentials.module';
import { ServiceTokenIssuer } from './service-tokens';

const AUDIENCE = 'pathwise:recommendation';
const GATEWAY = 'pathwise:gateway';
const SAGA = 'pathwise:saga-worker';
const seed = () => randomBytes(32).toString('hex');

describe('service credentials: one verifier, two issuers', () => {
  let gateway: TestIssuer;
  /** Signs with the saga-worker's name but lets a test put any role in, as a stolen key could. */
  let rogueSaga: TestIssuer;
  let saga: ServiceTokenIssuer;
  let verifier: AccessTokenVerifier;
  let sagaKeys: JSONWebKeySet;

  beforeAll(async () => {
    gateway = await createTestIssuer(GATEWAY);
    rogueSaga = await createTestIssuer(SAGA);
    saga = new ServiceTokenIssuer({ issuer: SAGA, subject: 'saga-worker', seeds: [seed()] });
    sagaKeys = { keys: [...saga.jwks.keys, ...rogueSaga.jwks.keys] };
    verifier = new AccessTokenVerifier({ audience: AUDIENCE, cacheEntries: 0, issuers: trusted(gateway.jwks, sagaKeys) });
  });

  const trusted = (gatewayKeys: JSONWebKeySet, serviceKeys: JSONWebKeySet): TrustedIssuer[] => [
    { issuer: GATEWAY, jwks: gatewayKeys },
    { issuer: SAGA, jwks: serviceKeys, roles: SERVICE_ROLES },
  ];
  const rejects = (token: string) => expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidAccessToken);

  it('when the saga-worker mints a token, then it verifies as subject saga-worker with role service only', async () => {
    const token = await saga.forAudience(AUDIENCE);
    await expect(verifier.verify(token)).resolves.toEqual(expect.objectContaining({ subject: 'saga-worker', roles: ['service'], issuer: SAGA }));
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt' });
    const claims = decodeJwt(token);
    expect((claims.exp as number) - (claims.iat as number)).toBe(60);
  });

  it('when a gateway learner token comes, then it still verifies beside the service issuer', async () => {
    const token = await gateway.token({ subject: 'user-1', roles: ['learner', 'editor'], audience: AUDIENCE });
    await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'user-1', roles: ['learner', 'editor'], issuer: GATEWAY });
  });

  it.each([
    ['the saga-worker issuer carries role learner', () => rogueSaga.token({ subject: 'saga-worker', roles: ['learner'], audience: AUDIENCE })],
    ['the saga-worker issuer carries service and admin', () => rogueSaga.token({ subject: 'saga-worker', roles: ['service', 'admin'], audience: AUDIENCE })],
    ['the gateway issuer carries role service', () => gateway.token({ subject: 'user-1', roles: ['service'], audience: AUDIENCE })],
    ['the gateway issuer carries learner and service', () => gateway.token({ subject: 'user-1', roles: ['learner', 'service'], audience: AUDIENCE })],
    ['a saga-worker key signs a token naming the gateway', () => rogueSaga.token({ roles: ['admin'], audience: AUDIENCE, overrides: { claims: { iss: GATEWAY } } })],
    ['an issuer nobody trusts signs it', async () => (await createTestIssuer('pathwise:elsewhere')).token({ roles: ['service'], audience: AUDIENCE })],
  ])('when %s, then the token is refused whole', async (_case, mint) => {
    await rejects(await mint());
  });

  it('when a service token is minted for another audience, then this service refuses it', async () => {
    await rejects(await saga.forAudience('pathwise:progress'));
  });

  it('when configured with one issuer as before, then that issuer still cannot grant service', async () => {
    const single = new AccessTokenVerifier({ issuer: GATEWAY, audience: AUDIENCE, jwks: gateway.jwks });
    await expect(single.verify(await gateway.token({ roles: ['admin'], audience: AUDIENCE }))).resolves.toMatchObject({ roles: ['admin'] });
    await expect(single.verify(await gateway.token({ roles: ['service'], audience: AUDIENCE }))).rejects.toBeInstanceOf(InvalidAccessToken);
  });

  it('when the same issuer is configured twice, then construction fails instead of picking one', () => {
    expect(() => new AccessTokenVerifier({ audience: AUDIENCE, issuers: [...trusted(gateway.jwks, sagaKeys), { issuer: GATEWAY, jwks: gateway.jwks }] })).toThrow(/configured twice/);
  });

  it('when asked twice for one audience, then the cached token is reused; another audience gets its own', async () => {
    const issuer = new ServiceTokenIssuer({ issuer: SAGA, subject: 'saga-worker', seeds: [seed()] });
    const first = await issuer.forAudience(AUDIENCE);
    expect(await issuer.forAudience(AUDIENCE)).toBe(first);
    const other = await issuer.forAudience('pathwise:progress');
    expect(other).not.toBe(first);
    expect(decodeJwt(other).aud).toBe('pathwise:progress');
  });

  it('when keys rotate, then the first seed signs and every key is published', async () => {
    const [newer, older] = [seed(), seed()];
    const issuer = new ServiceTokenIssuer({ issuer: SAGA, subject: 'saga-worker', seeds: [newer, older] });
    expect(issuer.jwks.keys).toHaveLength(2);
    expect(decodeProtectedHeader(await issuer.forAudience(AUDIENCE)).kid).toBe(issuer.jwks.keys[0]?.kid);
    expect(() => new ServiceTokenIssuer({ issuer: SAGA, subject: 'saga-worker', seeds: ['not-hex'] })).toThrow(/64 hex/);
  });
});

@Controller('internal/probe')
@Authenticated()
class ServiceOnlyController {
  @Get()
  @RequireRoles('service')
  probe(@CurrentPrincipal() principal: { subject: string }) {
    return { caller: principal.subject };
  }
}

describe('service credentials over HTTP: a RequireRoles(service) route and the JWKS route', () => {
  let app: NestFastifyApplication;
  let gateway: TestIssuer;
  let rogueSaga: TestIssuer;
  let saga: ServiceTokenIssuer;

  beforeAll(async () => {
    gateway = await createTestIssuer(GATEWAY);
    rogueSaga = await createTestIssuer(SAGA);
    saga = new ServiceTokenIssuer({ issuer: SAGA, subject: 'saga-worker', seeds: [seed()] });
    @Module({
      imports: [
        ObservabilityModule.forRoot({ service: 'probe', logLevel: 'silent', readiness: [] }),
        AuthModule.forRoot({
          audience: AUDIENCE,
          issuers: [
            { issuer: GATEWAY, jwks: gateway.jwks },
            { issuer: SAGA, jwks: { keys: [...saga.jwks.keys, ...rogueSaga.jwks.keys] }, roles: SERVICE_ROLES },
          ],
        }),
        ServiceCredentialsModule.forRoot(saga),
      ],
      controllers: [ServiceOnlyController],
    })
    class ProbeModule {}
    app = await createHttpApp(ProbeModule);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const call = (token: string) => app.inject({ method: 'GET', url: '/internal/probe', headers: { authorization: `Bearer ${token}` } });

  it('when the saga-worker calls with its service token, then the route answers', async () => {
    const response = await call(await saga.forAudience(AUDIENCE));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ caller: 'saga-worker' });
  });

  it('when a saga-worker-issued token carries role learner, then 401', async () => {
    const response = await call(await rogueSaga.token({ subject: 'saga-worker', roles: ['learner'], audience: AUDIENCE }));
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toContain('invalid_token');
  });

  it('when a gateway-issued token carries role service, then 401', async () => {
    expect((await call(await gateway.token({ roles: ['service'], audience: AUDIENCE }))).statusCode).toBe(401);
  });

  it('when a learner calls the service-only route, then 403', async () => {
    expect((await call(await gateway.token({ roles: ['learner'], audience: AUDIENCE }))).statusCode).toBe(403);
  });

  it('when the JWKS is fetched, then it lists the public keys only, cacheable', async () => {
    const response = await app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const { keys } = response.json() as JSONWebKeySet;
    expect(keys).toEqual(saga.jwks.keys);
    expect(keys.every((key) => key.d === undefined && key.kty === 'OKP' && key.crv === 'Ed25519')).toBe(true);
  });
});
