import { ROADMAP_KINDS } from '@pathwise/catalog/domain';
import { z } from 'zod';

export const slugParam = z.string().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug');

/** Opaque to clients; today it carries the last slug of the previous page. */
export const cursor = {
  encode: (after: string) => Buffer.from(JSON.stringify({ after })).toString('base64url'),
  schema: z
    .string()
    .max(200)
    .transform((value, context) => {
      try {
        const decoded = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { after?: unknown };
        if (typeof decoded.after === 'string') return decoded.after;
      } catch {
        // Falls through to the issue below: a cursor that does not decode is a client error.
      }
      context.addIssue({ code: 'custom', message: 'is not a cursor this API issued' });
      return z.NEVER;
    }),
};

export const ListRoadmapsQuery = z.strictObject({
  kind: z.enum(ROADMAP_KINDS).optional(),
  tag: z.string().min(1).max(40).optional(),
  includeRetired: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  // RELIABILITY row 32: an absurd limit is refused, not clamped silently.
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: cursor.schema.optional(),
});

export const RoadmapParams = z.strictObject({ slug: slugParam });

export const RoadmapVersionParams = z.strictObject({ slug: slugParam, version: z.coerce.number().int().min(1).max(1_000_000) });
