import { parseConfig } from '@pathwise/platform/config';
import { itHonoursTheServiceContract, startApp, UNREACHABLE } from '@pathwise/platform/testing';
import { AppModule } from './app.module';
import { gatewayConfigSchema } from './config';

describe('gateway service', () => {
  itHonoursTheServiceContract(() => startApp(AppModule.register(parseConfig(gatewayConfigSchema))), ['database', 'redis', 'temporal']);
});

describe('gateway service with Temporal down', () => {
  it('when Temporal is unreachable, then /health/ready answers 503 naming temporal while liveness stays 200', async () => {
    const config = parseConfig(gatewayConfigSchema, { ...process.env, TEMPORAL_ADDRESS: UNREACHABLE.temporalAddress });
    const running = await startApp(AppModule.register(config));
    try {
      const ready = await fetch(`${running.baseUrl}/health/ready`);
      const live = await fetch(`${running.baseUrl}/health/live`);

      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: unknown }).checks).toMatchObject({ temporal: { status: 'down' }, database: { status: 'up' }, redis: { status: 'up' } });
      expect(live.status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
