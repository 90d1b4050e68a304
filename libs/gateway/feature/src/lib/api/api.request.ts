import { z } from 'zod';

/** Slugs and catalog ids as the services define them: printable, bounded, no whitespace or slashes. */
export const catalogId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9:._~-]+$/, 'must be an id or slug (letters, digits and : . _ ~ -)');

/** Cursor pagination everywhere: an opaque `cursor` from the previous page's `nextCursor`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).optional().describe('Page size, 1–100 (default chosen by the service)'),
  cursor: z.string().min(1).max(500).optional().describe('The `nextCursor` of the previous page'),
};

/** A JSON object body; the owning service validates its fields strictly and answers 422 per field. */
export const jsonObject = z.record(z.string(), z.unknown()).describe('JSON object; fields as documented by the owning service');

/** `?a=1&b=2` from parsed query values, dropping absent ones. */
export function queryString(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const segment = encodeURIComponent;
