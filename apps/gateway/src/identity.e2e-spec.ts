import { PROBLEM_CONTENT_TYPE } from '@pathwise/platform/http';
import { DataSource } from 'typeorm';
import argon2 from 'argon2';
import { json, postJson, type RunningGateway, signUpAndLogIn, startGateway, STRONG_PASSWORD, uniqueEmail } from './testing';

const withoutRequestScope = ({ requestId: _id, instance: _instance, ...rest }: Record<string, unknown>) => rest;

describe('identity through the gateway', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ GATEWAY_AUTH_RATE_LIMIT_PER_MINUTE: '1000' });
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const login = (email: string, password: string, headers: Record<string, string> = {}) => postJson(`${gateway.baseUrl}/v1/auth/login`, { email, password }, headers);
  const refresh = (refreshToken: string) => postJson(`${gateway.baseUrl}/v1/auth/refresh`, { refreshToken });

  it('when a learner signs up and logs in, then /v1/me answers with the account and no password hash', async () => {
    const { email, userId, accessToken } = await signUpAndLogIn(gateway.baseUrl);

    const me = await fetch(`${gateway.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    const body = await json(me);

    expect(me.status).toBe(200);
    expect(body).toEqual({ id: userId, email, roles: ['learner'], createdAt: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/argon2|password/i);
  });

  it('when a session is created, then the access token is a short-lived EdDSA at+jwt for the gateway audience and the answer is not cacheable', async () => {
    const email = uniqueEmail();
    await postJson(`${gateway.baseUrl}/v1/auth/sign-up`, { email, password: STRONG_PASSWORD });
    const response = await login(email, STRONG_PASSWORD);
    const session = await json(response);
    const [header, payload] = String(session['accessToken'])
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);

    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt', kid: expect.any(String) });
    expect(payload).toMatchObject({ iss: 'pathwise:gateway', aud: 'pathwise:gateway', roles: ['learner'] });
    expect(Number(payload?.['exp']) - Number(payload?.['iat'])).toBe(600);
    expect(session['refreshToken']).toMatch(/^pwrt_/);
  });

  it('when the JWKS is fetched, then it lists Ed25519 public keys only', async () => {
    const response = await fetch(`${gateway.baseUrl}/.well-known/jwks.json`);
    const { keys } = (await response.json()) as { keys: Record<string, string>[] };

    expect(response.status).toBe(200);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });

  it('when sign-up carries a role, then 422 names the field and no account is created (row 25)', async () => {
    const email = uniqueEmail();
    const response = await postJson(`${gateway.baseUrl}/v1/auth/sign-up`, { email, password: STRONG_PASSWORD, role: 'admin' });

    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
    expect((await json(response)).errors).toEqual([{ pointer: '/role', detail: 'is not a known field' }]);
    expect((await login(email, STRONG_PASSWORD)).status).toBe(401);
  });

  it('when the same email signs up twice in any letter case, then the second gets 409 problem+json', async () => {
    const email = uniqueEmail();
    expect((await postJson(`${gateway.baseUrl}/v1/auth/sign-up`, { email, password: STRONG_PASSWORD })).status).toBe(201);
    const again = await postJson(`${gateway.baseUrl}/v1/auth/sign-up`, { email: email.toUpperCase(), password: STRONG_PASSWORD });

    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
  });

  describe('passwords (rows 29, 31)', () => {
    it('when the email is unknown or the password wrong, then status and body are the same', async () => {
      const { email } = await signUpAndLogIn(gateway.baseUrl);
      const wrongPassword = await login(email, 'not the right password');
      const unknownUser = await login(uniqueEmail(), 'not the right password');

      expect(wrongPassword.status).toBe(401);
      expect(unknownUser.status).toBe(401);
      expect(withoutRequestScope(await json(wrongPassword))).toEqual(withoutRequestScope(await json(unknownUser)));
    });

    it('when a password is 1 MB, then 413 problem+json answers before any hashing', async () => {
      const started = Date.now();
      const response = await postJson(`${gateway.baseUrl}/v1/auth/sign-up`, { email: uniqueEmail(), password: 'x'.repeat(1_000_000) });

      expect(response.status).toBe(413);
      expect(response.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
      expect((await json(response)).status).toBe(413);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('when a password has 100 characters, then it is accepted and logs in', async () => {
      const password = 'p'.repeat(100);
      const { accessToken } = await signUpAndLogIn(gateway.baseUrl, uniqueEmail(), password);
      expect(accessToken).toBeTruthy();
    });

    it('when a password is too short and the email malformed, then 422 has one error per field', async () => {
      const response = await postJson(`${gateway.baseUrl}/v1/auth/sign-up`, { email: 'nope', password: 'short' });
      const body = await json(response);

      expect(response.status).toBe(422);
      expect((body['errors'] as { pointer: string }[]).map((error) => error.pointer).sort()).toEqual(['/email', '/password']);
    });

    it('when a user stored with weaker Argon2 parameters logs in, then the hash is upgraded (row 30)', async () => {
      const { email, userId } = await signUpAndLogIn(gateway.baseUrl);
      const dataSource = gateway.app.get(DataSource);
      const weak = await argon2.hash(STRONG_PASSWORD, { type: argon2.argon2id, memoryCost: 8_192, timeCost: 1, parallelism: 1 });
      await dataSource.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, weak]);

      expect((await login(email, STRONG_PASSWORD)).status).toBe(200);
      const [{ password_hash: upgraded }] = await dataSource.query('SELECT password_hash FROM users WHERE id = $1', [userId]);

      expect(upgraded).not.toBe(weak);
      expect(upgraded).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
      expect((await login(email, STRONG_PASSWORD)).status).toBe(200);
    });
  });

  describe('login throttling (row 11)', () => {
    it('when one account gets many failed logins from rotating spoofed IPs, then it is throttled even for the right password, with a generic body', async () => {
      const { email } = await signUpAndLogIn(gateway.baseUrl);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const response = await login(email, `wrong password ${attempt}`, { 'x-forwarded-for': `203.0.113.${attempt}` });
        expect(response.status).toBe(401);
      }

      const throttled = await login(email, STRONG_PASSWORD, { 'x-forwarded-for': '198.51.100.7' });
      const body = await json(throttled);

      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(body).toMatchObject({ status: 429, detail: 'Try again later.' });
      expect(JSON.stringify(body)).not.toContain(email);
    });

    it('when an unknown account is guessed at, then it is throttled the same way, so throttling reveals nothing', async () => {
      const email = uniqueEmail();
      for (let attempt = 0; attempt < 5; attempt += 1) await login(email, 'guess');
      expect((await login(email, 'guess')).status).toBe(429);
    });
  });

  describe('refresh tokens (row 22)', () => {
    it('when a refresh token is used, then it rotates: the new one works and the old one is spent', async () => {
      const { refreshToken } = await signUpAndLogIn(gateway.baseUrl);
      const first = await refresh(refreshToken);
      const rotated = await json(first);

      expect(first.status).toBe(200);
      expect(rotated['refreshToken']).not.toBe(refreshToken);
      expect((await refresh(String(rotated['refreshToken']))).status).toBe(200);
    });

    it('when an old refresh token is reused after rotation, then the whole family is revoked, including the newest token', async () => {
      const { refreshToken, userId } = await signUpAndLogIn(gateway.baseUrl);
      const rotated = await json(await refresh(refreshToken));

      const reuse = await refresh(refreshToken);
      const newest = await refresh(String(rotated['refreshToken']));

      expect(reuse.status).toBe(401);
      expect(reuse.headers.get('content-type')).toBe(PROBLEM_CONTENT_TYPE);
      expect(newest.status).toBe(401);
      const [state] = await gateway.app.get(DataSource).query('SELECT count(*)::int AS tokens, count(revoked_at)::int AS revoked FROM refresh_tokens WHERE user_id = $1', [userId]);
      expect(state).toEqual({ tokens: 2, revoked: 2 });
    });

    it('when a learner logs out, then the refresh token no longer works', async () => {
      const { refreshToken, accessToken } = await signUpAndLogIn(gateway.baseUrl);
      const logout = await postJson(`${gateway.baseUrl}/v1/auth/logout`, { refreshToken }, { authorization: `Bearer ${accessToken}` });

      expect(logout.status).toBe(204);
      expect((await refresh(refreshToken)).status).toBe(401);
    });

    it('when a refresh token is sent as a bearer access token, then 401 (row 18)', async () => {
      const { refreshToken } = await signUpAndLogIn(gateway.baseUrl);
      const response = await fetch(`${gateway.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${refreshToken}` } });
      expect(response.status).toBe(401);
    });
  });
});
