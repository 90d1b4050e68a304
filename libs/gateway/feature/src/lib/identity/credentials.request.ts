import { z } from 'zod';

/** NIST SP 800-63B §3.1.1.2: at least 64 characters must be accepted; 12 is the minimum here. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// A pattern rather than `format: email`: JSON Schema leaves that format's exact rule to each
// validator, so the document states the one regex (zod's) that validation applies.
export const emailField = z
  .string()
  .max(254)
  .regex(z.regexes.email, 'must be an e-mail address')
  .transform((email) => email.toLowerCase())
  .describe('Case-insensitive; stored lower-cased');
