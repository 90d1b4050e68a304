import { parseConfig } from '@pathwise/platform/config';
import { AccessTokenVerifier, SERVICE_ROLES, ServiceTokenIssuer } from '@pathwise/platform/auth';
import { itHonoursTheServiceContract, startApp, type RunningApp } from '@pathwise/platform/testing';
import { AppModule } from './app.module';
import { sagaWorkerConfigSchema } from './config';

describe('saga-worker service', () => {
  itHonoursTheServiceContract(() => startApp(AppModule.register(parseConfig(sagaWorkerConfigSchema))), ['temporal', 'temporal-worker']);

  describe('its service credentials', () => {
    let running: RunningApp;
    beforeAll(async () => {
      running = await startApp(AppModule.register(parseConfig(sagaWorkerConfigSchema)));
    });
    afterAll(() => running?.close());

    it('when a service verifies a worker token against the served JWKS URL, then it is accepted as saga-worker with role service', async () => {
      const config = parseConfig(sagaWorkerConfigSchema);
      const token = await running.app.get(ServiceTokenIssuer).forAudience('pathwise:recommendation');
      const verifier = new AccessTokenVerifier({
        issuer: config.AUTH_SERVICE_ISSUER,
        audience: 'pathwise:recommendation',
        jwksUrl: `${running.baseUrl}/.well-known/jwks.json`,
        roles: SERVICE_ROLES,
      });
      await expect(verifier.verify(token)).resolves.toMatchObject({ subject: 'saga-worker', roles: ['service'] });
      const jwks = (await (await fetch(`${running.baseUrl}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
      expect(jwks.keys.length).toBeGreaterThan(0);
      expect(jwks.keys.every((key) => key['d'] === undefined)).toBe(true);
    });
  });
});
