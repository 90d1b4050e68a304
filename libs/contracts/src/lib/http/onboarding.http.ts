import { z } from 'zod';
import { catalogId, skillId } from './ids';
import { ianaTimeZone } from './progress.http';

// The learner's onboarding through the gateway: a saga on Temporal keyed by the learner, so the
// learner is always the token's subject and never a parameter.


export const startOnboardingRequest = z.strictObject({
  roadmapId: catalogId.describe('The roadmap to enroll in (id or slug)'),
  timeZone: ianaTimeZone,
  weeklyHours: z.number().int().min(1).max(80).optional(),
  goalSkillId: skillId.optional(),
  resumeUploadId: z.uuid().optional().describe('One of your resume uploads: its skills are offered for confirmation'),
});

export type StartOnboardingRequest = z.infer<typeof startOnboardingRequest>;

export const confirmSkillsRequest = z
  .strictObject({ confirmed: z.array(skillId).max(200), rejected: z.array(skillId).max(200) })
  .describe('Every detected skill exactly once, in one of the two lists');

const detectedSkill = z.object({ skillId: z.string(), confidence: z.number(), evidence: z.array(z.string()) });

export const onboardingStatusResponse = z
  .object({
    workflowId: z.string(),
    step: z.string(),
    awaitingConfirmation: z.boolean(),
    detectedSkills: z.array(detectedSkill).optional(),
    outcome: z.enum(['completed', 'failed', 'cancelled']).optional(),
    failure: z.object({ step: z.string(), type: z.string(), message: z.string() }).optional(),
    needsAttention: z.object({ compensation: z.string(), type: z.string(), message: z.string() }).optional(),
    compensated: z.array(z.string()),
  })
  .describe("Where the learner's onboarding is: the current step, the skills awaiting confirmation, or how it ended");
