import { parseConfig } from '@pathwise/platform/config';
import { itHonoursTheServiceContract, UNREACHABLE } from '@pathwise/platform/testing';
import { gatewayConfigSchema } from './config';
import { startGateway } from './testing';

describe('gateway service', () => {
  itHonoursTheServiceContract(() => startGateway(), ['database', 'redis', 'temporal']);
});

describe('gateway service with Temporal down', () => {
  it('when Temporal is unreachable, then /health/ready answers 503 naming temporal while liveness stays 200', async () => {
    const running = await startGateway({ TEMPORAL_ADDRESS: UNREACHABLE.temporalAddress });
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

describe('gateway config', () => {
  it('when GATEWAY_SIGNING_KEYS is missing or not a 32-byte hex seed, then boot fails naming the variable and never echoing it', () => {
    const { GATEWAY_SIGNING_KEYS: _key, ...withoutKey } = process.env;
    expect(() => parseConfig(gatewayConfigSchema, withoutKey)).toThrow(/GATEWAY_SIGNING_KEYS/);
    expect(() => parseConfig(gatewayConfigSchema, { ...process.env, GATEWAY_SIGNING_KEYS: 'not-a-secret-value' })).toThrow(/GATEWAY_SIGNING_KEYS(?![\s\S]*not-a-secret-value)/);
  });
});
