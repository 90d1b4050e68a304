import { z } from 'zod';

// The progress service's HTTP requests, validated by the service and by the gateway in front of it.
// Strict objects: the learner always comes from the access token, never from a body or a query.

/** Catalog ids and slugs: printable, bounded (Fastify refuses longer path parameters with 414), no whitespace. */
const catalogId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9:._~-]+$/, 'must be a catalog id (letters, digits and : . _ ~ -)');

// Enrollments

export const enrollmentParams = z.strictObject({ roadmapId: catalogId });

// Strict: the learner comes from the access token, the version from the catalog copy; a body
// naming `learnerId`, `version` or `status` is refused, not silently trusted or dropped.
export const enrollRequest = z.strictObject({
  roadmapId: catalogId.describe('The roadmap id (`roadmap:backend`) or its slug (`backend`)'),
});

export type EnrollRequest = z.infer<typeof enrollRequest>;

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

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'must be an IANA time zone such as Europe/Paris')
  .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris');

export const dashboardQuery = z.strictObject({
  timeZone: timeZone.default('UTC').describe('Where the learner is: streak days follow its midnights'),
});

export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const exportQuery = z.strictObject({ format: z.enum(['json', 'csv']).default('json') });

export type ExportQuery = z.infer<typeof exportQuery>;
