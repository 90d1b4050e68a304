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

// Text that is trimmed and must not then be empty. Spelled as patterns, not `\S`, so they mean the
// same to every OpenAPI tool: the whitespace is exactly what String.prototype.trim removes, and NUL,
// which no string may hold (refused at the edge), is excluded too. One pattern per field: tools
// generating from a document do not combine several.
const SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** Text of the characters not in `refused` (a character-class body) with at least `count` that are not whitespace. */
function notBlank(refused: string, count: number): RegExp {
  const text = `[^${refused}]*`;
  return new RegExp(`^${text}${`[^${refused}${SPACE}]${text}`.repeat(count)}$`, 'u');
}

/** At least one character that is not whitespace. */
export const NOT_BLANK = notBlank('\\u0000', 1);

/** At least two characters that are not whitespace (trimmed, at least two characters remain). */
export const TWO_NOT_BLANK = notBlank('\\u0000', 2);

/** One line of text: no control characters (C0, DEL, C1), not blank. */
export const NOT_BLANK_LINE = notBlank('\\u0000-\\u001f\\u007f-\\u009f', 1);
