import { z } from 'zod';
import { catalogId } from '../enrollment.request';

export const changeSkillStatusParams = z.strictObject({ roadmapId: catalogId, skillId: catalogId });

export const changeSkillStatusRequest = z.strictObject({
  status: z.enum(['in-progress', 'completed', 'skipped', 'pending', 'known']).describe('`pending` resets the skill; `known` records a claim by the learner'),
  expectedVersion: z
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional()
    .describe('The enrollment `version` the change is based on; if the enrollment moved on, the answer is 409 and nothing changes'),
  evidenceRef: z.string().trim().min(1).max(500).optional().describe('Only with `known`: what backs the claim (a link, a certificate id)'),
});

export type ChangeSkillStatusRequest = z.infer<typeof changeSkillStatusRequest>;
