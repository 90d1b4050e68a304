import type { Principal } from '@pathwise/platform/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DownstreamClient, HttpMethod } from '../downstream/downstream-client';
import { forwardedHeaders, relay } from '../downstream/relay';

/** One public route → one service call: the caller's token is exchanged; the request id, conditional and idempotency headers travel on. */
export async function proxy(
  client: DownstreamClient,
  request: FastifyRequest,
  reply: FastifyReply,
  target: { method: HttpMethod; path: string; principal?: Principal; body?: unknown },
): Promise<void> {
  const response = await client.send({ ...target, requestId: request.id, headers: forwardedHeaders(request) });
  relay(reply, response);
}
