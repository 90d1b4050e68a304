import { z } from 'zod';
import { catalogId } from '../enrollment.request';

// Strict: the learner comes from the access token, the version from the catalog copy; a body
// naming `learnerId`, `version` or `status` is refused, not silently trusted or dropped.
export const enrollRequest = z.strictObject({
  roadmapId: catalogId.describe('The roadmap id (`roadmap:backend`) or its slug (`backend`)'),
});

export type EnrollRequest = z.infer<typeof enrollRequest>;
