import { RESOURCE_TYPES, ROADMAP_KINDS, SKILL_PRIORITIES } from '@pathwise/catalog/domain';
import { z } from 'zod';
import { slugParam } from '../read/roadmap-read.request';

// Shapes and sizes only; the aggregate owns the business rules (cycles, duplicates, URL safety).
// Strict objects refuse unknown fields, so `status`, `version` or `createdAt` cannot be smuggled in.
const text = (max: number) => z.string().max(max);
const skillId = z.string().max(80).regex(/^skill:[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must look like skill:<slug>');

export const CreateRoadmapBody = z.strictObject({
  slug: slugParam,
  title: text(120),
  summary: text(1000).default(''),
  kind: z.enum(ROADMAP_KINDS),
  tags: z.array(text(40)).max(20).default([]),
});

export const UpdateDetailsBody = z
  .strictObject({ title: text(120).optional(), summary: text(1000).optional(), kind: z.enum(ROADMAP_KINDS).optional(), tags: z.array(text(40)).max(20).optional() })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');

export const AddStageBody = z.strictObject({ id: slugParam, title: text(120), summary: text(1000).optional() });
export const UpdateStageBody = z.strictObject({ title: text(120).optional(), summary: text(1000).optional() });
export const StageOrderBody = z.strictObject({ stageIds: z.array(slugParam).min(1).max(100) });
export const AddSkillBody = z.strictObject({ skillId, priority: z.enum(SKILL_PRIORITIES) });
export const SkillOrderBody = z.strictObject({ skillIds: z.array(skillId).min(1).max(200) });
export const PrerequisitesBody = z.strictObject({ requires: z.array(skillId).max(50) });
export const ResourceBody = z.strictObject({ title: text(200), url: text(2048), type: z.enum(RESOURCE_TYPES), free: z.boolean() });

export const DraftParams = z.strictObject({ slug: slugParam });
export const StageParams = z.strictObject({ slug: slugParam, stageId: slugParam });
export const SkillParams = z.strictObject({ slug: slugParam, skillId });
export const ResourceQuery = z.strictObject({ url: text(2048) });
