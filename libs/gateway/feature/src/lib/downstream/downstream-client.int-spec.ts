import { ProblemException } from '@pathwise/platform/http';
import fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { AccessTokenIssuer, signingKeyFromSeed } from '../identity/signing-keys';
import { DownstreamClient } from './downstream-client';
import { ServiceTokens } from './service-tokens';

describe('DownstreamClient against a real HTTP server', () => {
  let server: FastifyInstance;
  let client: DownstreamClient;
  let attempts = 0;

  beforeAll(async () => {
    server = fastify();
    server.all('/fail', async (_request, reply) => {
      attempts += 1;
      return reply.status(500).send({ status: 500 });
    });
    server.get('/etag', async (request, reply) => (request.headers['if-none-match'] === '"v1"' ? reply.status(304).send() : reply.header('etag', '"v1"').send({ ok: true })));
    await server.listen({ port: 0, host: '127.0.0.1' });
    const issuer = new AccessTokenIssuer('pathwise:gateway', [signingKeyFromSeed('11'.repeat(32))]);
    client = new DownstreamClient('probe', { baseUrl: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`, audience: 'pathwise:probe', timeoutMs: 500 }, new ServiceTokens(issuer), new Registry(), {
      failureRate: 0.99,
      minimumCalls: 1_000,
      windowMs: 10_000,
      halfOpenAfterMs: 1_000,
      maxAttempts: 3,
    });
  });
  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    attempts = 0;
  });

  it('when a GET fails with 5xx, then it is retried up to the attempt limit and answered as 502', async () => {
    await expect(client.send({ method: 'GET', path: '/fail' })).rejects.toMatchObject({ problem: { status: 502 } });
    expect(attempts).toBe(3);
  });

  it('when a POST without an Idempotency-Key fails, then it is sent exactly once', async () => {
    await expect(client.send({ method: 'POST', path: '/fail', body: {} })).rejects.toBeInstanceOf(ProblemException);
    expect(attempts).toBe(1);
  });

  it('when a POST carries an Idempotency-Key, then the service can dedupe, so it is retried', async () => {
    await expect(client.send({ method: 'POST', path: '/fail', body: {}, headers: { 'idempotency-key': '"k"' } })).rejects.toBeInstanceOf(ProblemException);
    expect(attempts).toBe(3);
  });

  it('when If-None-Match matches, then the 304 passes through with no body', async () => {
    const first = await client.send({ method: 'GET', path: '/etag' });
    const second = await client.send({ method: 'GET', path: '/etag', headers: { 'if-none-match': first.headers.get('etag') ?? '' } });
    expect(first.status).toBe(200);
    expect(second.status).toBe(304);
    expect(second.body.length).toBe(0);
  });
});
