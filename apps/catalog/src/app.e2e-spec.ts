import { parseConfig } from '@pathwise/platform/config';
import { itHonoursTheServiceContract, startApp, UNREACHABLE } from '@pathwise/platform/testing';
import { AppModule } from './app.module';
import { catalogConfigSchema } from './config';

describe('catalog service', () => {
  itHonoursTheServiceContract(() => startApp(AppModule.register(parseConfig(catalogConfigSchema))), ['database', 'redis', 'kafka']);
});

describe('catalog service with Redis down', () => {
  it('when Redis is unreachable, then /health/ready answers 503 problem+json naming redis, within the probe budget', async () => {
    const config = parseConfig(catalogConfigSchema, { ...process.env, REDIS_URL: UNREACHABLE.redisUrl });
    const running = await startApp(AppModule.register(config));
    try {
      const started = Date.now();
      const response = await fetch(`${running.baseUrl}/health/ready`);
      const body = await response.json();

      expect(Date.now() - started).toBeLessThan(3_000);
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(body).toMatchObject({ status: 503, checks: { redis: { status: 'down' }, database: { status: 'up' }, kafka: { status: 'up' } } });
    } finally {
      await running.close();
    }
  });
});
