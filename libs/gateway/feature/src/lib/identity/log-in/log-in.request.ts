import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../credentials.request';

// Only shape checks: a login never says which rule a password breaks.
export const logInRequest = z.strictObject({
  email: z
    .string()
    .min(1)
    .max(254)
    .transform((email) => email.toLowerCase()),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});

export type LogInRequest = z.infer<typeof logInRequest>;
