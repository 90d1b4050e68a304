import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningGateway, startGateway } from './testing';

/** The gateway serving the learner web app's built files from its own origin (ADR 0080). */
describe('gateway serving the web app', () => {
  let gateway: RunningGateway;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'pathwise-web-'));
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><html lang="en"><title>Pathwise</title><script type="module" src="/assets/index-abc123.js"></script></html>');
    writeFileSync(path.join(root, 'assets/index-abc123.js'), 'console.log("app");');
    gateway = await startGateway({ GATEWAY_WEB_ROOT: root });
  });
  afterAll(async () => {
    await gateway?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('when / is requested, then index.html is served, revalidated on every load, under a CSP that allows scripts from the origin only', async () => {
    const response = await fetch(`${gateway.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(await response.text()).toContain('/assets/index-abc123.js');
  });

  it('when a hashed asset is requested, then it is cached as immutable', async () => {
    const response = await fetch(`${gateway.baseUrl}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('when a path is neither a file nor a route, then it is still the API 404 problem+json', async () => {
    for (const missing of ['/nowhere', '/assets/missing.js', '/v1/nowhere']) {
      const response = await fetch(`${gateway.baseUrl}${missing}`);
      expect({ missing, status: response.status, type: response.headers.get('content-type') }).toEqual({ missing, status: 404, type: PROBLEM_CONTENT_TYPE });
    }
  });

  it('when the API is called beside the app, then it answers as before', async () => {
    const response = await fetch(`${gateway.baseUrl}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
  });

  it('when GATEWAY_WEB_ROOT has no index.html, then the gateway refuses to start and says why', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'pathwise-web-empty-'));
    try {
      await expect(startGateway({ GATEWAY_WEB_ROOT: empty })).rejects.toThrow(/has no index\.html: build the web app first/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
