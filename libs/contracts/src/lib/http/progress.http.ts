import { z } from 'zod';
import { catalogId, NOT_BLANK } from './ids';

// The progress service's HTTP requests, validated by the service and by the gateway in front of it.
// Strict objects: the learner always comes from the access token, never from a body or a query.


// Enrollments

export const enrollmentParams = z.strictObject({ roadmapId: catalogId });

// Strict: the learner comes from the access token, the version from the catalog copy; a body
// naming `learnerId`, `version` or `status` is refused, not silently trusted or dropped.
export const enrollRequest = z.strictObject({
  roadmapId: catalogId.describe('The roadmap id (`roadmap:backend`) or its slug (`backend`)'),
});

export type EnrollRequest = z.infer<typeof enrollRequest>;

export const changeSkillStatusParams = z.strictObject({ roadmapId: catalogId, skillId: catalogId });

export const changeSkillStatusRequest = z
  .strictObject({
    status: z.enum(['in-progress', 'completed', 'skipped', 'pending', 'known']).describe('`pending` resets the skill; `known` records a claim by the learner'),
    expectedVersion: z
      .number()
      .int()
      .min(1)
      .max(2_147_483_647)
      .optional()
      .describe('The enrollment `version` the change is based on; if the enrollment moved on, the answer is 409 and nothing changes'),
    evidenceRef: z.string().max(500).regex(NOT_BLANK, 'must not be blank').trim().optional().describe('Only with `known`: what backs the claim (a link, a certificate id)'),
  })
  .refine((body) => body.evidenceRef === undefined || body.status === 'known', { path: ['evidenceRef'], message: 'goes only with status known' })
  // The same rule for the OpenAPI document: evidence, when present, needs `known`.
  .meta({ dependentSchemas: { evidenceRef: { properties: { status: { const: 'known' } } } } });

export type ChangeSkillStatusRequest = z.infer<typeof changeSkillStatusRequest>;

// Learner views

export const timelineQuery = z.strictObject({
  roadmapId: catalogId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, 'must be the `nextBefore` cursor of a previous page')
    .optional(),
});

export type TimelineQuery = z.infer<typeof timelineQuery>;

export const timelineResponse = z.object({
  items: z.array(
    z.object({
      position: z.string(),
      roadmapId: z.string(),
      version: z.number().int(),
      type: z.string().describe('Enrolled, SkillStarted, SkillCompleted, SkillSkipped, SkillReset, SkillMarkedKnown, RoadmapVersionAdopted, RoadmapCompleted, Unenrolled'),
      skillId: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
      occurredAt: z.iso.datetime(),
    }),
  ),
  nextBefore: z.string().nullable().describe('Pass as `before` for the next (older) page; null on the last page'),
});

/**
 * The IANA time zones this runtime knows, and UTC (ICU lists only the canonical names): an enum,
 * so the OpenAPI document names exactly the values validation accepts.
 */
export const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone')] as [string, ...string[]];

const timeZone = z.enum(TIME_ZONES, { error: 'must be an IANA time zone such as Europe/Paris' });

/** An IANA time zone name that this runtime knows (`Europe/Paris`). */
export const ianaTimeZone = timeZone;

export const dashboardQuery = z.strictObject({
  timeZone: timeZone.optional().describe("Where the learner is: streak days follow its midnights. Default: the learner profile's time zone, else UTC"),
});

export type DashboardQuery = z.infer<typeof dashboardQuery>;

const skillCounts = z.object({ done: z.number(), known: z.number(), skipped: z.number(), inProgress: z.number(), pending: z.number(), total: z.number() });
export const dashboardResponse = z.object({
  timeZone: z.string(),
  enrollments: z.array(
    z.object({
      roadmapId: z.string(),
      roadmapTitle: z.string().nullable(),
      roadmapVersion: z.number().int(),
      overall: skillCounts,
      completedAt: z.iso.datetime().nullable(),
      closed: z.boolean(),
      lastActivityAt: z.iso.datetime(),
    }),
  ),
  totals: z.object({ activeEnrollments: z.number().int(), completedRoadmaps: z.number().int(), distinctSkillsDone: z.number().int() }),
  streak: z.object({ current: z.number().int(), longest: z.number().int(), lastActiveDay: z.string().nullable(), activeToday: z.boolean() }),
});

export const exportQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

export type ExportQuery = z.infer<typeof exportQuery>;

// Internal routes: the onboarding saga's steps, called with a service token on behalf of the
// learner named in the path. Every one needs an `Idempotency-Key` header.

/** Learner ids are token subjects (uuids today); bounded and printable like catalog ids. */
const learnerId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._~-]+$/, 'must be a learner id (letters, digits and : . _ ~ -)');

export const internalLearnerParams = z.strictObject({ learnerId });
export const internalEnrollmentParams = z.strictObject({ learnerId, roadmapId: catalogId });

export const learnerProfile = z.strictObject({
  timeZone: timeZone.describe('IANA time zone: the dashboard streak follows its midnights'),
  weeklyHours: z.number().int().min(1).max(168).nullable(),
  goalSkillId: catalogId.nullable(),
});

export const putLearnerProfileRequest = z.strictObject({
  timeZone: learnerProfile.shape.timeZone,
  weeklyHours: z.number().int().min(1).max(168).optional().describe('Hours a week the learner plans to study'),
  goalSkillId: catalogId.optional().describe('The skill the learner is aiming for'),
});

export type PutLearnerProfileRequest = z.infer<typeof putLearnerProfileRequest>;

export const putLearnerProfileResponse = z.object({
  previous: learnerProfile.nullable().describe('The profile this call replaced (null: there was none; compensate with DELETE, else PUT this back)'),
});

export const internalEnrollRequest = z.strictObject({ roadmapId: catalogId.describe('The roadmap id or its slug') });

export const internalEnrollResponse = z.object({
  created: z.boolean().describe('false: the learner was enrolled before this call, so there is nothing to compensate'),
  roadmapId: z.string(),
  version: z.number().int().describe('Stream version of the enrollment after the call'),
});

/** A skill can only become `known` from a status the learner had not reached. */
const revertibleStatus = z.enum(['pending', 'in-progress', 'skipped']);

export const markKnownSkillsRequest = z.strictObject({
  skills: z
    .array(z.strictObject({ skillId: catalogId, evidenceRef: z.string().max(500).regex(NOT_BLANK, 'must not be blank').trim().describe('What backs the claim, e.g. `resume:<uploadId>`') }))
    .min(1)
    .max(200),
});

export type MarkKnownSkillsRequest = z.infer<typeof markKnownSkillsRequest>;

export const knownSkillChange = z.strictObject({ skillId: catalogId, previousStatus: revertibleStatus });

export const markKnownSkillsResponse = z.object({
  changed: z.array(knownSkillChange).describe('Skills this call made known, with the status each had; already completed or known skills are not listed'),
  notInRoadmap: z.array(z.string()).describe('Skills the current roadmap version does not count; left alone'),
});

export const revertKnownSkillsRequest = z.strictObject({ changed: z.array(knownSkillChange).min(1).max(200) });

export type RevertKnownSkillsRequest = z.infer<typeof revertKnownSkillsRequest>;

export const revertKnownSkillsResponse = z.object({
  reverted: z.array(z.string()).describe('Skills put back to their previous status'),
  leftAlone: z.array(z.string()).describe('Skills no longer known from resume analysis (the learner changed them since): not touched'),
});

export const completeOnboardingRequest = z.strictObject({
  roadmapId: catalogId,
  workflowId: z.string().min(1).max(255).describe('The onboarding workflow (one per learner at a time)'),
  runId: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .describe('The onboarding run (its first execution run id): a second call for the same workflow and run records nothing new; a later onboarding of the learner is a new run'),
});

export type CompleteOnboardingRequest = z.infer<typeof completeOnboardingRequest>;

export const completeOnboardingResponse = z.object({
  roadmapId: z.string(),
  workflowId: z.string(),
  onboardedAt: z.iso.datetime(),
  knownSkills: z.number().int().describe('Skills known in the enrollment when the onboarding completed'),
});
