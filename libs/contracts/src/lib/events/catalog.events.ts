import { z } from 'zod';
import { ROADMAP_KINDS, SIGNAL_LEVELS, SKILL_PRIORITIES } from '../catalog-values';
import { defineEvent } from '../event-contract';

const skillId = z.string().min(1).max(120);
const priority = z.enum(SKILL_PRIORITIES);
const level = z.enum(SIGNAL_LEVELS);
const signals = z.object({ importance: level.optional(), marketDemand: level.optional(), automationRisk: level.optional() });
// Added within v1 (optional, so older readers and events stay valid): where each level comes from.
const sourcedSignal = z.object({ level, source: z.string(), asOf: z.string() });
const signalDetails = z
  .object({ importance: sourcedSignal.optional(), marketDemand: sourcedSignal.optional(), automationRisk: sourcedSignal.optional() })
  .describe('The signals with their source and date');
// Added within v1 (optional): how resumes write the skill, for consumers that match text against it.
const aliases = z
  .array(z.object({ text: z.string().min(1), ambiguous: z.boolean().optional(), caseSensitive: z.boolean().optional() }))
  .describe('How the skill is written in resumes and job ads; ambiguous ones need a technical cue, caseSensitive ones match only as written or in capitals');

const progressProjector = { service: 'progress', group: 'progress.catalog-projector' } as const;
const recommendationProjector = { service: 'recommendation', group: 'recommendation.catalog-projector' } as const;
// The catalog consumes its own events to drop cached views even when the inline invalidation failed.
const cacheInvalidator = { service: 'catalog', group: 'catalog.cache-invalidator' } as const;

export const RoadmapPublished = defineEvent({
  name: 'RoadmapPublished',
  major: 1,
  producer: 'catalog',
  aggregate: 'roadmap',
  summary: 'A roadmap version was published. Carries the full, immutable snapshot so consumers keep a local copy without calling the catalog.',
  consumers: [progressProjector, recommendationProjector, cacheInvalidator],
  schema: z.object({
    roadmapId: z.string().min(1),
    slug: z.string().min(1),
    title: z.string().min(1),
    kind: z.enum(ROADMAP_KINDS),
    version: z.number().int().positive(),
    publishedAt: z.iso.datetime(),
    tags: z.array(z.string()),
    stages: z.array(
      z.object({
        stageId: z.string().min(1),
        title: z.string().min(1),
        position: z.number().int().nonnegative(),
        skills: z.array(z.object({ skillId, position: z.number().int().nonnegative(), priority })),
      }),
    ),
    skills: z.array(
      z.object({
        skillId,
        name: z.string().min(1),
        signals: signals.optional(),
        signalDetails: signalDetails.optional(),
        aliases: aliases.optional(),
      }),
    ),
    prerequisites: z.array(z.object({ skillId, requiresSkillId: skillId })),
  }),
});

export const RoadmapRetired = defineEvent({
  name: 'RoadmapRetired',
  major: 1,
  producer: 'catalog',
  aggregate: 'roadmap',
  summary: 'A roadmap was retired: no new enrollments; existing progress stays readable.',
  consumers: [progressProjector, recommendationProjector, cacheInvalidator],
  schema: z.object({
    roadmapId: z.string().min(1),
    slug: z.string().min(1),
    version: z.number().int().positive(),
    retiredAt: z.iso.datetime(),
  }),
});

export const SkillUpdated = defineEvent({
  name: 'SkillUpdated',
  major: 1,
  producer: 'catalog',
  aggregate: 'skill',
  summary: "A skill's name, description, market signals or aliases changed; the stable skill id stays the same.",
  consumers: [recommendationProjector, cacheInvalidator],
  schema: z.object({
    skillId,
    name: z.string().min(1),
    description: z.string(),
    signals: signals.optional(),
    signalDetails: signalDetails.optional(),
    aliases: aliases.optional(),
    updatedAt: z.iso.datetime(),
  }),
});
