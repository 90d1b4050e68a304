import { canonicalJson } from '@pathwise/platform/http';
import { createHash } from 'node:crypto';

/** IETF Idempotency-Key draft: the field is an sf-string (RFC 8941), so the key arrives quoted. */
const SF_STRING = /^"([\x20\x21\x23-\x5B\x5D-\x7E]*)"$/;
export const MAX_KEY_LENGTH = 255;
/** The header's whole syntax, as the OpenAPI document states it: exactly what parseIdempotencyKey accepts. */
export const IDEMPOTENCY_KEY_PATTERN = `^"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]{1,${MAX_KEY_LENGTH}}"$`;

export type KeyParse = { ok: true; key: string } | { ok: false; reason: string };

/** Validates the header without ever using it: only its hash reaches Redis or a service. */
export function parseIdempotencyKey(header: string | string[] | undefined): KeyParse | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) return { ok: false, reason: 'must be sent once' };
  const match = SF_STRING.exec(header);
  if (!match) return { ok: false, reason: 'must be a quoted string of printable ASCII without quotes or backslashes, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324"' };
  const key = match[1] as string;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) return { ok: false, reason: `must be 1 to ${MAX_KEY_LENGTH} characters inside the quotes` };
  return { ok: true, key };
}

/** Scoped per principal: user B's key can never address user A's stored response. */
export function scopedKey(subject: string, key: string): string {
  return createHash('sha256').update(`${subject}\n${key}`).digest('base64url');
}

export function fingerprint(method: string, path: string, body: unknown): string {
  // An uploaded file is hashed as bytes, not walked as JSON.
  const content = Buffer.isBuffer(body) ? createHash('sha256').update(body).digest('hex') : canonicalJson(body ?? null);
  return createHash('sha256').update(`${method} ${path}\n${content}`).digest('base64url');
}
