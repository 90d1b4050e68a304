import { checkResumeUpload, type ResumeContentType } from '@pathwise/platform/http';
import { extractSkills, type ResumeAnalysisResult, type ResumeCatalog, type ResumeCatalogSkill, type SkillAlias } from '@pathwise/recommendation/domain';
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { ResumeParser } from './parsing';

/** The media type a browser declares for a resume file, by extension. */
export const RESUME_FILE_TYPES: Readonly<Record<string, ResumeContentType>> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
};

export function resumeContentTypeOf(fileName: string): ResumeContentType | undefined {
  return RESUME_FILE_TYPES[extname(fileName).toLowerCase()];
}

/**
 * A resume catalog from catalog data handed over whole (the seed, an export) instead of this
 * service's read model. Its version is a digest of the content, so two runs over the same data
 * name the same catalog whatever the order of skills, aliases or blockers.
 */
export function resumeCatalogFrom(skills: readonly ResumeCatalogSkill[], blockers: readonly string[] = []): ResumeCatalog {
  const canonical = [...skills]
    .map((skill) => ({ skillId: skill.skillId, name: skill.name, aliases: skill.aliases.map(canonicalAlias).sort((a, b) => compare(a.text, b.text)) }))
    .sort((a, b) => compare(a.skillId, b.skillId));
  const sortedBlockers = [...blockers].sort(compare);
  const digest = createHash('sha256').update(JSON.stringify({ skills: canonical, blockers: sortedBlockers })).digest('hex');
  return { catalogVersion: `content-${digest.slice(0, 16)}`, skills: canonical, blockers: sortedBlockers };
}

/**
 * One resume in hand through the steps an upload goes through: the gateway's edge check, the
 * parser pool, the extractor. Fails as the service would: ProblemException at the edge,
 * ResumeUnreadableError from the parser.
 */
export async function analyzeResumeFile(parser: ResumeParser, bytes: Buffer, contentType: string, catalog: ResumeCatalog, asOf: string): Promise<ResumeAnalysisResult> {
  checkResumeUpload(bytes, contentType);
  const { text } = await parser.parse(bytes, contentType);
  return extractSkills(text, catalog, { asOf });
}

function canonicalAlias(alias: string | SkillAlias): SkillAlias {
  if (typeof alias === 'string') return { text: alias };
  return { text: alias.text, ...(alias.ambiguous ? { ambiguous: true } : {}), ...(alias.caseSensitive ? { caseSensitive: true } : {}) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
