import { createHash } from 'node:crypto';
import { compare, compileCatalog, findAliases, type AliasMatch } from './alias-matcher';
import { findDateRanges, monthLabel, type DateRange } from './date-ranges';
import { clauseAround, hasTechnicalCue, statusFromCues, CUE_WINDOW } from './mention-context';
import { normalizeResumeText } from './normalize-text';
import {
  InvalidAsOfDate,
  RESUME_EXTRACTOR_VERSION,
  type ExtractSkillsOptions,
  type ResumeAnalysisResult,
  type ResumeCatalog,
  type ResumeSection,
  type SkillClaimStatus,
  type SkillEvidence,
  type SkillFinding,
} from './resume-analysis';
import { lineIndexAt, resumeLines, type ResumeLine } from './sections';

/** How much one mention in a section says about the skill; the summary of a skill combines them. */
export const SECTION_WEIGHTS: Readonly<Record<ResumeSection, number>> = {
  experience: 0.6,
  projects: 0.55,
  skills: 0.5,
  summary: 0.45,
  certifications: 0.45,
  other: 0.35,
  education: 0.3,
  interests: 0.3,
};
/** An ambiguous alias that passed its cue check is still less certain than an unmistakable one. */
export const AMBIGUOUS_WEIGHT = 0.8;

const STATUS_ORDER: readonly SkillClaimStatus[] = ['claimed', 'aspirational', 'negated'];
// "Spring 2019" and "Spring (08)" are terms, "R. A. Eisenberg" an initial: never the tool.
const TERM_YEAR = /^ \(?'?(?:(?:19|20)\d{2}|\d{2})\b(?!\.\d)/;
const INITIAL = /^\. [A-Z]/;
const DATED_SECTIONS: ReadonlySet<ResumeSection> = new Set(['experience', 'projects']);

interface Mention extends SkillEvidence {
  readonly skillIds: readonly string[];
  readonly weight: number;
  readonly range?: DateRange;
}

/**
 * Finds the catalog's skills in a resume. Pure: the same text, catalog and `asOf` give the same
 * result, byte for byte, whatever the order of the catalog's skills and aliases.
 *
 * A skill is `claimed` when at least one mention is neither negated nor aspirational; otherwise it
 * takes the status of its other mentions (aspirational before negated). Its confidence is
 * 1 − Π(1 − w) over the mentions with that status, w = SECTION_WEIGHTS[section] (× AMBIGUOUS_WEIGHT
 * for an ambiguous alias), rounded to three decimals.
 */
export function extractSkills(text: string, catalog: ResumeCatalog, options: ExtractSkillsOptions): ResumeAnalysisResult {
  const asOfMonth = parseAsOf(options.asOf);
  const normalized = normalizeResumeText(text);
  const lines = resumeLines(normalized);
  const matches = findAliases(normalized, compileCatalog(catalog));
  const ranges = findDateRanges(normalized, asOfMonth);
  const mentions = matches.flatMap((match) => mentionOf(normalized, lines, matches, ranges, match));

  const bySkill = new Map<string, Mention[]>();
  for (const mention of mentions) {
    for (const skillId of mention.skillIds) bySkill.set(skillId, [...(bySkill.get(skillId) ?? []), mention]);
  }
  const skills = [...bySkill].map(([skillId, found]) => finding(skillId, found));
  skills.sort(
    (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || b.confidence - a.confidence || compare(a.skillId, b.skillId),
  );
  return {
    extractorVersion: RESUME_EXTRACTOR_VERSION,
    catalogVersion: catalog.catalogVersion,
    asOf: options.asOf,
    textSha256: createHash('sha256').update(normalized, 'utf8').digest('hex'),
    skills,
  };
}

function parseAsOf(asOf: string): number {
  const parts = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/.exec(asOf);
  if (!parts || Number(parts[2]) < 1 || Number(parts[2]) > 12 || Number(parts[3]) < 1 || Number(parts[3]) > 31) throw new InvalidAsOfDate();
  return Number(parts[1]) * 12 + Number(parts[2]) - 1;
}

function mentionOf(text: string, lines: readonly ResumeLine[], matches: readonly AliasMatch[], ranges: readonly DateRange[], match: AliasMatch): Mention[] {
  const lineIndex = lineIndexAt(lines, match.start);
  const line = lines[lineIndex];
  if (match.ambiguous && !ambiguityResolved(text, line, matches, match)) return [];
  const { before } = clauseAround(text, match.start, match.end, line.start, line.end);
  const status = line.section === 'interests' ? 'aspirational' : statusFromCues(before);
  const weight = SECTION_WEIGHTS[line.section] * (match.ambiguous ? AMBIGUOUS_WEIGHT : 1);
  const range = status === 'claimed' && DATED_SECTIONS.has(line.section) ? rangeFor(lines, lineIndex, ranges, match.start) : undefined;
  return [{ start: match.start, end: match.end, section: line.section, text: text.slice(match.start, match.end), status, skillIds: match.skillIds, weight, range }];
}

/** Ambiguous names count inside a skills list, next to a cue word or version, or next to another tool. */
function ambiguityResolved(text: string, line: ResumeLine, matches: readonly AliasMatch[], match: AliasMatch): boolean {
  const after = text.slice(match.end, match.end + 8);
  if (TERM_YEAR.test(after) || (match.end - match.start === 1 && INITIAL.test(after))) return false;
  if (line.section === 'skills' || line.labelledList) return true;
  if (hasTechnicalCue(text, match.start, match.end, line.start, line.end)) return true;
  return matches.some(
    (other) => other !== match && !other.ambiguous && other.start >= Math.max(line.start, match.start - CUE_WINDOW) && other.end <= Math.min(line.end, match.end + CUE_WINDOW),
  );
}

/**
 * The dated entry a mention belongs to, within its section: a range at most two non-blank lines
 * below (the "Title / Company / Jan 2019 – Present" layout), else the last range above, else one
 * a little further below.
 */
function rangeFor(lines: readonly ResumeLine[], lineIndex: number, ranges: readonly DateRange[], offset: number): DateRange | undefined {
  let first = lineIndex;
  while (first > 0 && !lines[first].heading) first--;
  let last = lineIndex;
  while (last + 1 < lines.length && !lines[last + 1].heading) last++;
  const inSection = ranges.filter((range) => range.at >= lines[first].start && range.until <= lines[last].end);
  const below = inSection.find((range) => range.at > offset);
  const above = inSection.filter((range) => range.at < offset).at(-1);
  const distance = below ? nonBlankLinesBetween(lines, lineIndex, lineIndexAt(lines, below.at)) : Infinity;
  if (below && distance <= 2) return below;
  return above ?? (distance <= 3 ? below : undefined);
}

function nonBlankLinesBetween(lines: readonly ResumeLine[], from: number, to: number): number {
  let count = 0;
  for (let i = from + 1; i <= to; i++) if (lines[i].end > lines[i].start) count++;
  return count;
}

function finding(skillId: string, mentions: readonly Mention[]): SkillFinding {
  const status = STATUS_ORDER.find((candidate) => mentions.some((mention) => mention.status === candidate))!;
  const counted = mentions.filter((mention) => mention.status === status);
  const confidence = Math.round((1 - counted.reduce((doubt, mention) => doubt * (1 - mention.weight), 1)) * 1000) / 1000;
  const months = new Set<number>();
  let lastUsed: number | undefined;
  for (const { range } of counted) {
    if (!range) continue;
    for (let month = range.start; month <= range.end; month++) months.add(month);
    lastUsed = Math.max(lastUsed ?? range.end, range.end);
  }
  return {
    skillId,
    status,
    confidence,
    monthsUsed: months.size > 0 ? months.size : null,
    lastUsed: lastUsed === undefined ? null : monthLabel(lastUsed),
    evidence: mentions.map(({ start, end, section, text, status: mentionStatus }) => ({ start, end, section, text, status: mentionStatus })),
  };
}
