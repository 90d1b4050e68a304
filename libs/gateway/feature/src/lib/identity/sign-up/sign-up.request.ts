import { z } from 'zod';
import { emailField, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../credentials.request';

// Strict: `role`, `roles`, `id` or any other field is rejected, never silently stored (API3:2023).
export const signUpRequest = z.strictObject({
  email: emailField,
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});

export type SignUpRequest = z.infer<typeof signUpRequest>;
