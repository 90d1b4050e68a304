import { z } from 'zod';

/** Catalog ids and slugs: printable, bounded (Fastify refuses longer path parameters with 414), no whitespace. */
export const catalogId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._~-]+$/, 'must be a catalog id (letters, digits and : . _ ~ -)');

export const enrollmentParams = z.strictObject({ roadmapId: catalogId });
