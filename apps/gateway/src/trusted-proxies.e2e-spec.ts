import { json, postJson, type RunningGateway, startGateway, uniqueEmail } from './testing';

/**
 * Behind an ingress every connection comes from the ingress: the client is named only by
 * X-Forwarded-For, which is believed from GATEWAY_TRUSTED_PROXIES and nobody else. The tests
 * connect from 127.0.0.1, so loopback plays the ingress when it is trusted.
 */
describe('trusted proxies', () => {
  const CLIENT_A = '203.0.113.10';
  const CLIENT_B = '203.0.113.20';
  // 401s and 429s are the expected answers here; their request-log warnings would only be noise.
  const start = (overrides: Record<string, string>) => startGateway({ LOG_LEVEL: 'error', ...overrides });

  /** A failed login (unknown email) as `forwardedFor`; returns the status. */
  async function failedLogin(gateway: RunningGateway, forwardedFor: string): Promise<number> {
    const response = await postJson(`${gateway.baseUrl}/v1/auth/login`, { email: uniqueEmail(), password: 'whatever password' }, { 'x-forwarded-for': forwardedFor });
    await response.arrayBuffer();
    return response.status;
  }

  /** The same, with the problem type of the answer. */
  async function loginAttempt(gateway: RunningGateway, forwardedFor: string): Promise<{ status: number; type?: unknown }> {
    const response = await postJson(`${gateway.baseUrl}/v1/auth/login`, { email: uniqueEmail(), password: 'whatever password' }, { 'x-forwarded-for': forwardedFor });
    const body = await json(response);
    return { status: response.status, type: body['type'] };
  }

  describe.each([
    ['no proxy is trusted (the default)', {}],
    ['the peer is not among the trusted proxies', { GATEWAY_TRUSTED_PROXIES: '10.0.0.0/8,fd00::/8' }],
  ])('when %s', (_situation, trust: Record<string, string>) => {
    it('then a spoofed X-Forwarded-For changes nothing: the per-IP auth quota counts every request as the peer', async () => {
      const gateway = await start({ ...trust, GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '3' });
      try {
        const statuses: number[] = [];
        for (const forwarded of [CLIENT_A, CLIENT_B, '198.51.100.1', '198.51.100.2']) statuses.push(await failedLogin(gateway, forwarded));
        expect(statuses).toEqual([401, 401, 401, 429]);
      } finally {
        await gateway.close();
      }
    });

    it('then login failures are throttled per peer, whatever client the header names', async () => {
      const gateway = await start({ ...trust, GATEWAY_LOGIN_FAILURES_PER_IP: '2', GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
      try {
        const attempts = [];
        for (const forwarded of [CLIENT_A, CLIENT_B, '198.51.100.3']) attempts.push(await loginAttempt(gateway, forwarded));
        expect(attempts.map((attempt) => attempt.status)).toEqual([401, 401, 429]);
        expect(attempts[2]?.type).toBe('https://pathwise.dev/problems/too-many-login-attempts');
      } finally {
        await gateway.close();
      }
    });
  });

  describe('when the peer is a trusted proxy', () => {
    const TRUST_LOOPBACK = { GATEWAY_TRUSTED_PROXIES: '127.0.0.0/8, ::1/128' };

    it('then two forwarded clients get separate auth quotas', async () => {
      const gateway = await start({ ...TRUST_LOOPBACK, GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '3' });
      try {
        const first: number[] = [];
        for (let i = 0; i < 4; i += 1) first.push(await failedLogin(gateway, CLIENT_A));
        const second = await failedLogin(gateway, CLIENT_B);

        expect(first).toEqual([401, 401, 401, 429]);
        expect(second).toBe(401);
      } finally {
        await gateway.close();
      }
    });

    it('then a client cannot escape its quota by prepending addresses: the header is read from the right, up to the first untrusted hop', async () => {
      const gateway = await start({ ...TRUST_LOOPBACK, GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '2' });
      try {
        // What an ingress appends to a client's own header: "<whatever the client sent>, <client>".
        const statuses: number[] = [];
        for (const spoofed of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) statuses.push(await failedLogin(gateway, `${spoofed}, ${CLIENT_A}`));
        expect(statuses).toEqual([401, 401, 429]);
      } finally {
        await gateway.close();
      }
    });

    it('then login failures are throttled per forwarded client: one client locked out, another still answered', async () => {
      const gateway = await start({ ...TRUST_LOOPBACK, GATEWAY_LOGIN_FAILURES_PER_IP: '2', GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
      try {
        const first = [];
        for (let i = 0; i < 3; i += 1) first.push(await loginAttempt(gateway, CLIENT_A));
        const second = await loginAttempt(gateway, CLIENT_B);

        expect(first.map((attempt) => attempt.status)).toEqual([401, 401, 429]);
        expect(first[2]?.type).toBe('https://pathwise.dev/problems/too-many-login-attempts');
        expect(second.status).toBe(401);
      } finally {
        await gateway.close();
      }
    });
  });

  it('when GATEWAY_TRUSTED_PROXIES holds something that is not an address or CIDR, then the gateway refuses to start', async () => {
    await expect(start({ GATEWAY_TRUSTED_PROXIES: '10.0.0.0/8,ingress.local' })).rejects.toThrow(/GATEWAY_TRUSTED_PROXIES/);
  });
});
