import { GATEWAY_MIGRATIONS } from '@pathwise/gateway/feature';
import { parseConfig } from '@pathwise/platform/config';
import { runMigrations } from '@pathwise/platform/persistence';
import { serveOnEphemeralPort, type RunningApp } from '@pathwise/platform/testing';
import fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gatewayConfigSchema, type GatewayConfig } from './config';
import { createGatewayApp } from './gateway-app';

export interface RunningGateway extends RunningApp {
  config: GatewayConfig;
}

/** A fresh Redis key prefix per suite, so quotas, throttles and idempotency keys never collide. */
export function testPrefix(): string {
  return `test:${randomUUID().slice(0, 8)}:`;
}

/** Boots the gateway as main.ts does, on an ephemeral port, after migrating its database. */
export async function startGateway(overrides: Record<string, string> = {}): Promise<RunningGateway> {
  const config = parseConfig(gatewayConfigSchema, { ...process.env, LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn', GATEWAY_REDIS_KEY_PREFIX: testPrefix(), ...overrides });
  await runMigrations({ url: config.GATEWAY_DATABASE_URL, service: 'gateway', migrations: GATEWAY_MIGRATIONS });
  return { ...(await serveOnEphemeralPort(await createGatewayApp(config))), config };
}

export const uniqueEmail = (): string => `user-${randomUUID()}@example.test`;

export const STRONG_PASSWORD = 'correct horse battery staple';

export async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

/** POSTs JSON and returns the response. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

/** Signs up and logs in a fresh learner; returns its tokens and id. */
export async function signUpAndLogIn(baseUrl: string, email = uniqueEmail(), password = STRONG_PASSWORD): Promise<{ email: string; userId: string; accessToken: string; refreshToken: string }> {
  const signUp = await postJson(`${baseUrl}/v1/auth/sign-up`, { email, password });
  if (signUp.status !== 201) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const { id } = (await signUp.json()) as { id: string };
  const login = await postJson(`${baseUrl}/v1/auth/login`, { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const session = (await login.json()) as { accessToken: string; refreshToken: string };
  return { email, userId: id, ...session };
}


export interface FakeService {
  url: string;
  /** Requests received, in order. */
  calls: { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: unknown }[];
  close(): Promise<void>;
}

type FakeHandler = (request: FastifyRequest, reply: FastifyReply) => unknown;

/** A real HTTP server standing in for a service, to observe what the gateway sends and inject faults. */
export async function startFakeService(routes: { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; handler: FakeHandler }[], port = 0): Promise<FakeService> {
  const server = fastify();
  const calls: FakeService['calls'] = [];
  server.addHook('onRequest', async (request) => {
    calls.push({ method: request.method, url: request.url, headers: request.headers, body: undefined });
  });
  server.addHook('preHandler', async (request) => {
    const last = calls.at(-1);
    if (last) last.body = request.body;
  });
  for (const route of routes) server.route({ method: route.method, url: route.url, handler: route.handler });
  await server.listen({ port, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`, calls, close: () => server.close() };
}

/** The claims of a JWT, unverified: for asserting what the gateway minted. */
export function claimsOf(authorization: string | string[] | undefined): Record<string, unknown> {
  const token = String(authorization).replace(/^Bearer /, '');
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
}
