import { z } from 'zod';

export const exportQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

export type ExportQuery = z.infer<typeof exportQuery>;
