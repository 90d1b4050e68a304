import { z } from 'zod';

/** NIST SP 800-63B §3.1.1.2: at least 64 characters must be accepted; 12 is the minimum here. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const emailField = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase())
  .describe('Case-insensitive; stored lower-cased');
