import { z } from 'zod';
import { defineEvent } from '../event-contract';

export const RecommendationsUpdated = defineEvent({
  name: 'RecommendationsUpdated',
  major: 1,
  producer: 'recommendation',
  aggregate: 'recommendation',
  summary: "A learner's ranked next skills for one roadmap changed (after progress or a new roadmap version). Keyed by `<learnerId>/<roadmapId>`.",
  schema: z.object({
    learnerId: z.string().min(1),
    roadmapId: z.string().min(1),
    roadmapVersion: z.number().int().positive(),
    computedAt: z.iso.datetime(),
    next: z.array(z.object({ skillId: z.string().min(1), rank: z.number().int().positive() })),
  }),
});

export const ResumeAnalyzed = defineEvent({
  name: 'ResumeAnalyzed',
  major: 1,
  producer: 'recommendation',
  aggregate: 'resume',
  summary: 'A resume upload was analysed: the catalog skills it shows, each with its status and confidence. Carries no resume text.',
  schema: z.object({
    uploadId: z.string().min(1),
    learnerId: z.string().min(1),
    analyzedAt: z.iso.datetime(),
    extractorVersion: z.string(),
    catalogVersion: z.string(),
    skills: z.array(z.object({ skillId: z.string().min(1), status: z.enum(['claimed', 'aspirational', 'negated']), confidence: z.number().min(0).max(1) })),
  }),
});
