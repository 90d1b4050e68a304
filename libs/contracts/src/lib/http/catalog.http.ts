import { z } from 'zod';
import { NOT_BLANK, NOT_BLANK_LINE, skillId, TWO_NOT_BLANK } from './ids';
import { RESOURCE_TYPES, ROADMAP_KINDS, SIGNAL_LEVELS, SKILL_PRIORITIES } from '../catalog-values';

// The catalog's HTTP requests, validated by the catalog and by the gateway in front of it.
// Shapes and sizes only; the aggregate owns the business rules (cycles, duplicates, URL safety).
// Strict objects refuse unknown fields, so `status`, `version` or `createdAt` cannot be smuggled in.

const slug = z.string().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase kebab-case slug');
const text = (max: number) => z.string().max(max);
/** Text the catalog requires: it trims it and refuses it blank. */
const requiredText = (max: number) => z.string().max(max).regex(NOT_BLANK, 'must not be blank');

// Editing preconditions

/** A roadmap's or skill's revision as the strong ETag editors see and send back in If-Match: `"r12"`. */
export const REVISION_ETAG = /^"r([1-9]\d{0,8})"$/;

/**
 * The If-Match request header of every change to a draft or a skill, as the OpenAPI document
 * states it (`@ApiHeader(IF_MATCH_HEADER)`): without it 428, malformed 400, stale 412.
 */
export const IF_MATCH_HEADER = {
  name: 'If-Match',
  required: true,
  description: 'The ETag of the revision being changed, e.g. "r12": without it 428, malformed 400, not the current revision 412',
  schema: { type: 'string' as const, pattern: REVISION_ETAG.source },
};

// Reading roadmaps

export const ListRoadmapsQuery = z.strictObject({
  kind: z.enum(ROADMAP_KINDS).optional(),
  tag: z.string().min(1).max(40).optional(),
  includeRetired: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
  // Reliability case 32 (docs/reliability.md): an absurd limit is refused, not clamped silently.
  limit: z.coerce.number().int().min(1).max(100).default(20),
  // The `nextCursor` of the previous page: the slug the page ended at, so any slug is a position.
  cursor: slug.optional().describe('The `nextCursor` of the previous page'),
});

export const RoadmapParams = z.strictObject({ slug });

export const RoadmapVersionParams = z.strictObject({ slug, version: z.coerce.number().int().min(1).max(1_000_000) });

// Search

export const SearchQuery = z.strictObject({
  q: z.string().regex(TWO_NOT_BLANK, 'must have at least 2 characters besides spaces').trim().max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

// Editing roadmap drafts

export const CreateRoadmapBody = z.strictObject({
  slug,
  title: requiredText(120),
  summary: text(1000).default(''),
  kind: z.enum(ROADMAP_KINDS),
  tags: z.array(requiredText(40)).max(20).default([]),
});

export const UpdateDetailsBody = z
  .strictObject({ title: requiredText(120).optional(), summary: text(1000).optional(), kind: z.enum(ROADMAP_KINDS).optional(), tags: z.array(requiredText(40)).max(20).optional() })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field')
  .meta({ minProperties: 1 });

export const AddStageBody = z.strictObject({ id: slug, title: requiredText(120), summary: text(1000).optional() });
export const UpdateStageBody = z.strictObject({ title: requiredText(120).optional(), summary: text(1000).optional() });
export const StageOrderBody = z.strictObject({ stageIds: z.array(slug).min(1).max(100) });
export const AddSkillBody = z.strictObject({ skillId, priority: z.enum(SKILL_PRIORITIES) });
export const SkillOrderBody = z.strictObject({ skillIds: z.array(skillId).min(1).max(200) });
export const PrerequisitesBody = z.strictObject({ requires: z.array(skillId).max(50) });
/**
 * A public http(s) link on a named host, as far as a pattern can say it: no credentials, no address
 * literal, a dotted name ending in letters. The catalog also refuses internal names (`.local`,
 * `.internal`, `localhost`, …; see parseResourceUrl) with 422.
 */
const resourceUrl = z
  .string()
  .max(2048)
  // eslint-disable-next-line no-control-regex -- NUL is refused everywhere; the pattern says so too
  .regex(/^[Hh][Tt][Tt][Pp][Ss]?:\/\/[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z][A-Za-z0-9-]*(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}|0))?(?:[/?#][^\u0000]*)?$/, 'must be a public http(s) link')
  .describe('A public http(s) link, e.g. https://example.org/guide');

export const ResourceBody = z.strictObject({ title: requiredText(200), url: resourceUrl, type: z.enum(RESOURCE_TYPES), free: z.boolean() });

export const DraftParams = z.strictObject({ slug });
export const StageParams = z.strictObject({ slug, stageId: slug });
export const SkillParams = z.strictObject({ slug, skillId });
export const ResourceQuery = z.strictObject({ url: text(2048) });

// Skills

const signal = z.strictObject({ level: z.enum(SIGNAL_LEVELS), source: requiredText(200), asOf: z.iso.date() });
const signals = z.strictObject({ importance: signal, marketDemand: signal, automationRisk: signal });
// Replaces the whole list; duplicates are the aggregate's to refuse.
const aliasText = z.string().max(80).regex(NOT_BLANK_LINE, 'must be one line of text, not blank');
const aliases = z
  .array(z.strictObject({ text: aliasText, ambiguous: z.boolean().optional(), caseSensitive: z.boolean().optional() }))
  .max(50)
  .describe('How resumes write the skill; each text has a letter or digit, and no two are alike once case, spacing and hyphens are set aside (422 otherwise); ambiguous: also an everyday word, needs a technical cue; caseSensitive: matches only as written or in capitals');

export const SkillIdParams = z.strictObject({ skillId });

export const CreateSkillBody = z.strictObject({ slug, name: requiredText(120), description: z.string().max(2000).default(''), signals: signals.optional(), aliases: aliases.optional() });

export const UpdateSkillBody = z
  .strictObject({ name: requiredText(120).optional(), description: z.string().max(2000).optional(), signals: signals.nullable().optional(), aliases: aliases.optional() })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field')
  .meta({ minProperties: 1 });
