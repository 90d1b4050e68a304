import { buildWorkspace, repoRoot } from '@pathwise/platform/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { claimsOf, type FakeService, json, postJson, type RunningGateway, signUpAndLogIn, startFakeService, startGateway, STRONG_PASSWORD, uniqueEmail } from './testing';

interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The JSON line printed on stdout. */
  result: Record<string, unknown>;
}

/** The compiled command as a Kubernetes Job runs it: `node dist/apps/gateway/src/grant-role.js …`. */
function grantRole(databaseUrl: string, ...args: string[]): Promise<CommandRun> {
  const script = path.join(repoRoot, 'dist/apps/gateway/src/grant-role.js');
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { env: { PATH: process.env['PATH'] ?? '', GATEWAY_DATABASE_URL: databaseUrl } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      resolve({ code, stdout, stderr, result: line ? (JSON.parse(line) as Record<string, unknown>) : {} });
    });
  });
}

describe('users:grant, the operators’ command that makes the first admin', () => {
  let gateway: RunningGateway;
  let catalog: FakeService;
  let databaseUrl: string;

  beforeAll(async () => {
    buildWorkspace();
    // The catalog stands in as a real HTTP server: what matters here is who the gateway lets through.
    catalog = await startFakeService([
      {
        method: 'POST',
        url: '/roadmaps',
        handler: async (request, reply) => {
          const { slug, title } = request.body as { slug: string; title: string };
          return reply.status(201).header('etag', '"r1"').header('location', `/roadmaps/${slug}/draft`).send({ slug, status: 'draft', version: 0, revision: 1, content: { title, stages: [] } });
        },
      },
    ]);
    // The 401s and 403s below are expected; the gateway logs them at warn.
    gateway = await startGateway({ GATEWAY_CATALOG_URL: catalog.url, LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'error' });
    databaseUrl = gateway.config.GATEWAY_DATABASE_URL;
  });
  afterAll(async () => {
    await gateway?.close();
    await catalog?.close();
  });

  const logIn = async (email: string): Promise<string> => {
    const response = await postJson(`${gateway.baseUrl}/v1/auth/login`, { email, password: STRONG_PASSWORD });
    expect(response.status).toBe(200);
    return String((await json(response))['accessToken']);
  };
  const me = async (token: string) => json(await fetch(`${gateway.baseUrl}/v1/me`, { headers: { authorization: `Bearer ${token}` } }));
  const setRoles = (token: string, userId: string, roles: string[]) =>
    fetch(`${gateway.baseUrl}/v1/admin/users/${userId}/roles`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ roles }) });

  it('when the command grants admin, then the user logs in again as admin, grants editor through the API, and that editor creates a draft', async () => {
    const ada = await signUpAndLogIn(gateway.baseUrl);
    const grace = await signUpAndLogIn(gateway.baseUrl);
    expect((await setRoles(ada.accessToken, grace.userId, ['learner', 'editor'])).status).toBe(403);

    // Mixed case on purpose: emails are stored lower-cased, as at sign-up.
    const granted = await grantRole(databaseUrl, '--email', ada.email.toUpperCase(), '--role', 'admin');

    expect(granted.code).toBe(0);
    expect(granted.result).toEqual({ command: 'users:grant', change: 'grant', email: ada.email, role: 'admin', outcome: 'changed', userId: ada.userId, roles: ['learner', 'admin'] });
    // Roles reach the next access token, not the one already issued.
    expect((await me(ada.accessToken))['roles']).toEqual(['learner', 'admin']);
    expect((await setRoles(ada.accessToken, grace.userId, ['learner', 'editor'])).status).toBe(403);

    const adminToken = await logIn(ada.email);
    const promoted = await setRoles(adminToken, grace.userId, ['learner', 'editor']);
    expect(promoted.status).toBe(200);
    expect(await json(promoted)).toMatchObject({ id: grace.userId, roles: ['learner', 'editor'] });

    const editorToken = await logIn(grace.email);
    const slug = `first-draft-${randomUUID().slice(0, 8)}`;
    const draft = await postJson(`${gateway.baseUrl}/v1/roadmaps`, { slug, title: 'First draft', kind: 'role' }, { authorization: `Bearer ${editorToken}`, 'idempotency-key': `"${randomUUID()}"` });

    expect(draft.status).toBe(201);
    expect(draft.headers.get('etag')).toBe('"r1"');
    const call = catalog.calls.filter((c) => c.method === 'POST').at(-1);
    expect(call?.body).toMatchObject({ slug, title: 'First draft', kind: 'role' });
    expect(claimsOf(call?.headers.authorization)).toMatchObject({ sub: grace.userId, aud: 'pathwise:catalog', roles: ['learner', 'editor'] });
  });

  it('when the same grant runs twice, then the second changes nothing and still exits 0', async () => {
    const { email, userId } = await signUpAndLogIn(gateway.baseUrl);
    await grantRole(databaseUrl, '--email', email, '--role', 'editor');
    const again = await grantRole(databaseUrl, '--email', email, '--role', 'editor');

    expect(again.code).toBe(0);
    expect(again.result).toMatchObject({ outcome: 'unchanged', userId, roles: ['learner', 'editor'] });
  });

  it('when a role is revoked, then it is gone from the next session; revoking the only role is refused with exit 3', async () => {
    const { email } = await signUpAndLogIn(gateway.baseUrl);
    await grantRole(databaseUrl, '--email', email, '--role', 'admin');
    const revoked = await grantRole(databaseUrl, '--email', email, '--role', 'admin', '--revoke');

    expect(revoked.code).toBe(0);
    expect(revoked.result).toMatchObject({ change: 'revoke', outcome: 'changed', roles: ['learner'] });
    expect(claimsOf(`Bearer ${await logIn(email)}`)['roles']).toEqual(['learner']);

    const lastRole = await grantRole(databaseUrl, '--email', email, '--role', 'learner', '--revoke');
    expect(lastRole.code).toBe(3);
    expect(lastRole.result).toMatchObject({ outcome: 'last-role', roles: ['learner'] });
    expect(lastRole.stderr).toMatch(/only role/);
  });

  it('when the email has no account, then exit 2 with a clear message and no account is created', async () => {
    const email = uniqueEmail();
    const run = await grantRole(databaseUrl, '--email', email, '--role', 'admin');

    expect(run.code).toBe(2);
    expect(run.result).toEqual({ command: 'users:grant', change: 'grant', email, role: 'admin', outcome: 'unknown-email' });
    expect(run.stderr).toContain(`No account with the email ${email}`);
    expect((await postJson(`${gateway.baseUrl}/v1/auth/login`, { email, password: STRONG_PASSWORD })).status).toBe(401);
  });

  it.each([
    ['an unknown role', ['--email', 'a@example.test', '--role', 'owner']],
    ['no email', ['--role', 'admin']],
    ['an unknown flag', ['--email', 'a@example.test', '--role', 'admin', '--force']],
  ])('when called with %s, then exit 64 with the usage and nothing on stdout', async (_case, args) => {
    const run = await grantRole(databaseUrl, ...args);

    expect(run.code).toBe(64);
    expect(run.stderr).toContain('usage: users:grant');
    expect(run.stdout).toBe('');
  });

  it('when the database refuses the credentials, then exit 1 and the password is printed nowhere', async () => {
    const url = new URL(databaseUrl);
    url.password = `wrong-${randomUUID()}`;
    const run = await grantRole(url.toString(), '--email', uniqueEmail(), '--role', 'admin');

    expect(run.code).toBe(1);
    expect(run.stderr).not.toBe('');
    expect(run.stdout + run.stderr).not.toContain(url.password);
    expect(run.stdout + run.stderr).not.toContain(decodeURIComponent(new URL(databaseUrl).password));
  });
});
