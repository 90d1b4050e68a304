import { Injectable } from '@nestjs/common';
import { canonicalJson } from '@pathwise/platform/http';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { IdempotencyKeyRequiredError, IdempotencyKeyReusedError } from '../onboarding.errors';

export interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

export interface IdempotentRequest {
  readonly learnerId: string;
  /** The `Idempotency-Key` header as received. */
  readonly key: string | string[] | undefined;
  /** Route and payload: a reused key must name the same request. */
  readonly operation: string;
  readonly payload: unknown;
}

interface StoredRow {
  fingerprint: string;
  status: number;
  body: unknown;
}

const MAX_KEY_LENGTH = 255;
const PRINTABLE = /^[\x21-\x7E]+$/;

/**
 * The header every internal route needs, as its OpenAPI document states it: 1 to 255 printable
 * ASCII characters (the saga-worker sends its own keys, unquoted); missing or malformed, 422.
 */
export const INTERNAL_IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: true,
  description: 'A retry with the same key gets the first answer; missing or malformed, 422',
  schema: { type: 'string' as const, pattern: `^[\\x21-\\x7E]{1,${MAX_KEY_LENGTH}}$` },
};

/**
 * Runs a command once per learner and Idempotency-Key, and answers a retry with the first answer.
 * The key row is inserted first in the command's own transaction: a concurrent retry waits on the
 * primary key until the first commits (then reads its answer) or rolls back (then runs itself).
 * A failed command stores nothing, so its retry runs again.
 */
@Injectable()
export class IdempotentRequests {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(request: IdempotentRequest, command: (manager: EntityManager) => Promise<Answer<T>>): Promise<Answer<T>> {
    const key = parseKey(request.key);
    const fingerprint = createHash('sha256').update(`${request.operation}\n${canonicalJson(request.payload)}`).digest('base64url');
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        'INSERT INTO internal_requests (learner_id, idempotency_key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1',
        [request.learnerId, key, fingerprint],
      );
      if (claimed.length === 0) {
        const [first] = (await manager.query('SELECT fingerprint, status, body FROM internal_requests WHERE learner_id = $1 AND idempotency_key = $2', [request.learnerId, key])) as StoredRow[];
        if (!first || first.fingerprint !== fingerprint) throw new IdempotencyKeyReusedError();
        return { status: first.status, body: first.body as T };
      }
      const answer = await command(manager);
      await manager.query('UPDATE internal_requests SET status = $3, body = $4 WHERE learner_id = $1 AND idempotency_key = $2', [
        request.learnerId,
        key,
        answer.status,
        JSON.stringify(answer.body ?? null),
      ]);
      return answer;
    });
  }
}

/** Accepts the IETF draft's sf-string form (`"key"`) and a bare token; both name the same key. */
function parseKey(header: string | string[] | undefined): string {
  if (header === undefined) throw new IdempotencyKeyRequiredError('is required on internal routes');
  if (Array.isArray(header)) throw new IdempotencyKeyRequiredError('must be sent once');
  const key = header.length >= 2 && header.startsWith('"') && header.endsWith('"') ? header.slice(1, -1) : header;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !PRINTABLE.test(key)) {
    throw new IdempotencyKeyRequiredError(`must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters`);
  }
  return key;
}
