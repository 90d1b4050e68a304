import { z } from 'zod';
import { catalogId, skillId } from './ids';

// The recommendation service's HTTP requests, validated by the service and by the gateway in front
// of it. The learner always comes from the access token.

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const nextSkillsQuery = z.strictObject({
  roadmapId: catalogId.optional().describe('One roadmap (id or slug); without it, every roadmap the learner is enrolled in'),
  limit: z.coerce.number().int().min(1).max(50).default(5),
  includeWaiting: flag.default(false).describe('Also list skills that are not ready, with the prerequisites they wait for'),
});

export type NextSkillsQuery = z.infer<typeof nextSkillsQuery>;

export const goalPathQuery = z.strictObject({
  roadmapId: catalogId.describe('The roadmap (id or slug) whose prerequisite graph the path follows'),
  goal: skillId.describe('The skill to reach, e.g. skill:kubernetes'),
});

export type GoalPathQuery = z.infer<typeof goalPathQuery>;

// Answers

const reason = z.object({ code: z.string(), values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) });

export const recommendedSkill = z.object({
  skillId: z.string(),
  name: z.string(),
  stageId: z.string(),
  stageTitle: z.string(),
  priority: z.enum(['essential', 'recommended', 'optional']),
  status: z.enum(['pending', 'in-progress', 'completed', 'skipped', 'known']),
  rank: z.number().int(),
  unlocks: z.object({ direct: z.number().int(), total: z.number().int() }),
  reasons: z.array(reason),
  explanation: z.string(),
});

export const roadmapRecommendations = z.object({
  roadmapId: z.string(),
  slug: z.string(),
  title: z.string(),
  version: z.number().int(),
  next: z.array(recommendedSkill),
  waiting: z.array(z.object({ skillId: z.string(), name: z.string(), waitingFor: z.array(z.string()) })).optional(),
});

export const nextSkillsResponse = z.object({ roadmaps: z.array(roadmapRecommendations) }).describe('Computed now from the service’s read model');

export const goalPathResponse = z
  .object({ roadmapId: z.string(), goalSkillId: z.string(), alreadyAchieved: z.boolean(), steps: z.array(recommendedSkill) })
  .describe('The missing skills the goal needs, in a valid learning order');

export const storedRecommendationsResponse = z
  .object({
    items: z.array(
      z.object({ roadmapId: z.string(), roadmapVersion: z.number().int(), computedAt: z.string(), next: z.array(z.object({ skillId: z.string(), rank: z.number().int() })) }),
    ),
  })
  .describe('What the service last computed and published for each enrollment, with when');

// Resumes

export const resumeParams = z.strictObject({ resumeId: z.uuid() });
export const learnerParams = z.strictObject({ learnerId: z.uuid() });
export const resumeOwnerQuery = z.strictObject({ learnerId: z.string().min(1).max(100).optional().describe('Answer 404 unless the upload is this learner’s') });
export const resumeRoadmapParams = z.strictObject({ resumeId: z.uuid(), roadmapId: catalogId });

export const uploadResumeQuery = z.strictObject({
  keep: flag.default(false).describe('Keep the file and its text after the analysis (default: deleted as soon as it ends)'),
});

const evidence = z.object({ start: z.number().int(), end: z.number().int(), section: z.string(), text: z.string(), status: z.enum(['claimed', 'aspirational', 'negated']) });
const finding = z.object({
  skillId: z.string(),
  status: z.enum(['claimed', 'aspirational', 'negated']),
  confidence: z.number(),
  monthsUsed: z.number().int().nullable(),
  lastUsed: z.string().nullable(),
  evidence: z.array(evidence),
});

export const resumeResponse = z.object({
  id: z.uuid(),
  status: z.enum(['received', 'analyzing', 'analyzed', 'failed']),
  contentType: z.string(),
  size: z.number().int(),
  receivedAt: z.string(),
  keepContent: z.boolean(),
  failure: z.object({ reason: z.string(), detail: z.string() }).nullable(),
  analysis: z
    .object({
      analyzedAt: z.string(),
      extractorVersion: z.string(),
      catalogVersion: z.string(),
      asOf: z.iso.date().describe('The day `monthsUsed` and `lastUsed` are counted to'),
      textSha256: z.string(),
      skills: z.array(finding),
      text: z.string().nullable(),
    })
    .nullable()
    .describe('`text` (the normalised text the evidence offsets point into) only when the learner chose to keep it'),
});

export const resumeOnRoadmapResponse = z
  .object({
    resumeId: z.uuid(),
    roadmapId: z.string(),
    title: z.string(),
    version: z.number().int(),
    stages: z.array(
      z.object({
        stageId: z.string(),
        title: z.string(),
        shown: z.array(z.object({ skillId: z.string(), name: z.string(), confidence: z.number(), evidence: z.array(evidence) })),
        notShown: z.array(z.object({ skillId: z.string(), name: z.string() })),
      }),
    ),
    gapsInOrder: z.array(z.object({ skillId: z.string(), name: z.string() })).describe('What the resume does not show, prerequisites first; claims count only once the learner confirms them'),
  })
  .describe('What the resume shows on one roadmap, and the gaps in learning order');

/** What a workflow step reads of an analysis: who it belongs to and the skills it found. */
export const internalResumeResponse = z.object({
  id: z.uuid(),
  learnerId: z.string(),
  status: z.enum(['received', 'analyzing', 'analyzed', 'failed']),
  skills: z.array(finding),
});
