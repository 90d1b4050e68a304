import { DomainError } from '@pathwise/shared/domain';

/** Bumped whenever the same text and catalog could produce a different result. */
export const RESUME_EXTRACTOR_VERSION = 'resume-extractor/1.0.0';

export const RESUME_SECTIONS = ['summary', 'skills', 'experience', 'projects', 'education', 'certifications', 'interests', 'other'] as const;
export type ResumeSection = (typeof RESUME_SECTIONS)[number];

export const SKILL_CLAIM_STATUSES = ['claimed', 'aspirational', 'negated'] as const;
export type SkillClaimStatus = (typeof SKILL_CLAIM_STATUSES)[number];

/** A plain string is an unambiguous, case-insensitive alias. */
export interface SkillAlias {
  readonly text: string;
  /** Also an everyday word, letter or name: counts only next to a technical cue or in a skills list. */
  readonly ambiguous?: boolean;
  /** Matches only as written or in capitals. */
  readonly caseSensitive?: boolean;
}

export interface ResumeCatalogSkill {
  readonly skillId: string;
  readonly name: string;
  /** When empty, the skill is matched by its name. */
  readonly aliases: readonly (string | SkillAlias)[];
}

export interface ResumeCatalog {
  readonly catalogVersion: string;
  readonly skills: readonly ResumeCatalogSkill[];
  /** Phrases that contain an alias but name something else ("Oracle Hyperion"); they claim no skill. */
  readonly blockers?: readonly string[];
}

export interface ExtractSkillsOptions {
  /** ISO date (YYYY-MM-DD…) that "Present" means; the extractor never reads the clock. */
  readonly asOf: string;
}

/** Offsets are UTF-16 indexes into the normalised text (see normalizeResumeText), end exclusive. */
export interface SkillEvidence {
  readonly start: number;
  readonly end: number;
  readonly section: ResumeSection;
  readonly text: string;
  readonly status: SkillClaimStatus;
}

export interface SkillFinding {
  readonly skillId: string;
  readonly status: SkillClaimStatus;
  readonly confidence: number;
  /** Distinct months covered by dated experience or project entries that mention the skill. */
  readonly monthsUsed: number | null;
  /** YYYY-MM, the latest month of those entries. */
  readonly lastUsed: string | null;
  readonly evidence: readonly SkillEvidence[];
}

export interface ResumeAnalysisResult {
  readonly extractorVersion: string;
  readonly catalogVersion: string;
  readonly asOf: string;
  readonly textSha256: string;
  readonly skills: readonly SkillFinding[];
}

export class InvalidAsOfDate extends DomainError {
  readonly code = 'RECOMMENDATION.INVALID_AS_OF';
  readonly kind = 'invalid' as const;

  constructor() {
    super('asOf must be an ISO date (YYYY-MM-DD)');
  }
}
