import { z } from 'zod';

export const refreshRequest = z.strictObject({ refreshToken: z.string().min(1).max(128) });

export type RefreshRequest = z.infer<typeof refreshRequest>;
