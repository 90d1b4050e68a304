export { AMBIGUOUS_WEIGHT, extractSkills, SECTION_WEIGHTS } from './extract-skills';
export { normalizeResumeText } from './normalize-text';
export {
  InvalidAsOfDate,
  RESUME_EXTRACTOR_VERSION,
  RESUME_SECTIONS,
  SKILL_CLAIM_STATUSES,
  type ExtractSkillsOptions,
  type ResumeAnalysisResult,
  type ResumeCatalog,
  type ResumeCatalogSkill,
  type ResumeSection,
  type SkillAlias,
  type SkillClaimStatus,
  type SkillEvidence,
  type SkillFinding,
} from './resume-analysis';
