import { z } from 'zod';

// The identifiers several services' requests share, defined once so every edge refuses the same values.

/** Catalog ids and slugs: printable, bounded (Fastify refuses longer path parameters with 414), no whitespace. */
export const catalogId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._~-]+$/, 'must be a catalog id (letters, digits and : . _ ~ -)');

/** A stable skill id, `skill:<slug>`. */
export const skillId = z.string().max(80).regex(/^skill:[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must look like skill:<slug>');
