import { z } from 'zod';
import { catalogId } from '../../enrollments/enrollment.request';

export const timelineQuery = z.strictObject({
  roadmapId: catalogId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, 'must be the `nextBefore` cursor of a previous page')
    .optional(),
});

export type TimelineQuery = z.infer<typeof timelineQuery>;
