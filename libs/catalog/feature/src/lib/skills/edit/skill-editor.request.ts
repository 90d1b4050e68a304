import { SIGNAL_LEVELS } from '@pathwise/catalog/domain';
import { z } from 'zod';
import { slugParam } from '../../roadmaps/read/roadmap-read.request';

const signal = z.strictObject({ level: z.enum(SIGNAL_LEVELS), source: z.string().max(200), asOf: z.iso.date() });
const signals = z.strictObject({ importance: signal, marketDemand: signal, automationRisk: signal });

export const SkillIdParams = z.strictObject({ skillId: z.string().max(80).regex(/^skill:[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must look like skill:<slug>') });

export const CreateSkillBody = z.strictObject({ slug: slugParam, name: z.string().max(120), description: z.string().max(2000).default(''), signals: signals.optional() });

export const UpdateSkillBody = z
  .strictObject({ name: z.string().max(120).optional(), description: z.string().max(2000).optional(), signals: signals.nullable().optional() })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');
