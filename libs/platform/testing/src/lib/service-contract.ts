import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import type { RunningApp } from './http-app';

/**
 * What every service promises operators, asserted the same way for each app: liveness, readiness
 * that names each dependency it verified, Prometheus metrics, and problem+json for unknown routes.
 */
export function itHonoursTheServiceContract(start: () => Promise<RunningApp>, dependencies: string[]): void {
  let running: RunningApp;

  beforeAll(async () => {
    running = await start();
  });

  afterAll(async () => {
    await running?.close();
  });

  it('when /health/live is called, then it answers 200 without touching dependencies', async () => {
    const response = await fetch(`${running.baseUrl}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it(`when /health/ready is called, then it reports ${dependencies.join(', ')} as up`, async () => {
    const response = await fetch(`${running.baseUrl}/health/ready`);
    const body = (await response.json()) as { status: string; details: Record<string, { status: string }> };
    expect(response.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.details).sort()).toEqual([...dependencies].sort());
    for (const dependency of dependencies) expect(body.details[dependency].status).toBe('up');
  });

  it('when /metrics is scraped after traffic, then request durations are exposed per route', async () => {
    await fetch(`${running.baseUrl}/health/live`);
    const response = await fetch(`${running.baseUrl}/metrics`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toMatch(/http_server_request_duration_seconds_count\{[^}]*route="\/health\/live"[^}]*\} [1-9]/);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('when a route does not exist, then the answer is a 404 problem+json carrying the request id', async () => {
    const response = await fetch(`${running.baseUrl}/no/such/route?token=secret`, { headers: { 'x-request-id': 'e2e-404' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.headers.get('x-request-id')).toBe('e2e-404');
    expect(await response.json()).toMatchObject({ status: 404, title: 'Not Found', instance: '/no/such/route', requestId: 'e2e-404' });
  });
}
