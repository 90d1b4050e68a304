import { repoRoot } from '@pathwise/platform/testing';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import { json, type RunningGateway, startGateway } from './testing';

/** HTTP hygiene and reliability cases 12, 13 and 32 (docs/reliability.md) at the gateway's own edge. */
describe('HTTP hygiene at the gateway', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_CORS_ORIGINS: 'https://app.pathwise.test', GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  async function expectProblem(response: Response, status: number): Promise<Record<string, unknown>> {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    const body = await json(response);
    expect(body).toMatchObject({ status, title: expect.any(String), requestId: response.headers.get('x-request-id') });
    return body;
  }

  it('when a route does not exist, then 404 problem+json', async () => {
    await expectProblem(await fetch(`${gateway.baseUrl}/v1/nowhere`), 404);
  });

  it('when a known path is called with another method, then 405 problem+json with Allow', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/me`, { method: 'DELETE' });
    await expectProblem(response, 405);
    expect(response.headers.get('allow')).toContain('GET');
  });

  it('when a path with a parameter is called with another method, then 405 too', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/admin/users/${crypto.randomUUID()}/roles`, { method: 'POST' });
    await expectProblem(response, 405);
    expect(response.headers.get('allow')).toBe('PUT');
  });

  it('when a path segment is over 100 characters, then 414 problem+json that does not echo the path', async () => {
    const segment = 'a'.repeat(150);
    const body = await expectProblem(await fetch(`${gateway.baseUrl}/v1/roadmaps/${segment}`), 414);
    expect(JSON.stringify(body)).not.toContain(segment);
  });

  it('when a path has a broken percent-escape, then 400 problem+json', async () => {
    await expectProblem(await fetch(`${gateway.baseUrl}/v1/roadmaps/%E0%A4%A`), 400);
  });

  it('when the JSON body is malformed, then 400 problem+json', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    await expectProblem(response, 400);
  });

  it('when the content type is not JSON, then 415 problem+json', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<login/>' });
    await expectProblem(response, 415);
  });

  it('when a body is over the limit, then 413 problem+json (row 32)', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/admin/users/${crypto.randomUUID()}/roles`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ roles: Array.from({ length: 100_000 }, () => 'learner') }),
    });
    await expectProblem(response, 413);
  });

  it('when a body is deeply nested, then it is answered as problem+json quickly (row 32)', async () => {
    const started = Date.now();
    const nested = '['.repeat(5_000) + ']'.repeat(5_000);
    const response = await fetch(`${gateway.baseUrl}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"email":${nested},"password":"x"}` });
    expect([400, 413, 422]).toContain(response.status);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('when several fields are invalid, then one error per field with a JSON Pointer (row 13)', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 42, password: 'short', roles: ['admin'], id: 'x' }),
    });
    const body = await expectProblem(response, 422);
    expect((body['errors'] as { pointer: string }[]).map((error) => error.pointer).sort()).toEqual(['/email', '/id', '/password', '/roles']);
  });

  it('when a caller sends a request id, then the response echoes it; otherwise one is generated', async () => {
    const given = await fetch(`${gateway.baseUrl}/health/live`, { headers: { 'x-request-id': 'tour-1' } });
    const generated = await fetch(`${gateway.baseUrl}/health/live`);
    expect(given.headers.get('x-request-id')).toBe('tour-1');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when any response is sent, then security headers are set', async () => {
    const response = await fetch(`${gateway.baseUrl}/v1/nowhere`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('when a browser preflights from an allowed origin, then CORS allows it; from any other origin, it does not', async () => {
    const preflight = (origin: string) =>
      fetch(`${gateway.baseUrl}/v1/me`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    const allowed = await preflight('https://app.pathwise.test');
    const denied = await preflight('https://evil.test');

    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.pathwise.test');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('when /docs is opened, then the Swagger UI and the committed OpenAPI 3.1 document (docs/openapi/gateway.json) are served', async () => {
    const ui = await fetch(`${gateway.baseUrl}/docs`);
    const document = (await (await fetch(`${gateway.baseUrl}/docs/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };

    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/v1/auth/sign-up', '/v1/auth/login', '/v1/me', '/.well-known/jwks.json']));
    // One function builds both, so clients and the contract test read what the gateway serves.
    expect(document).toEqual(JSON.parse(readFileSync(path.join(repoRoot, 'docs/openapi/gateway.json'), 'utf8')));
  });
});
