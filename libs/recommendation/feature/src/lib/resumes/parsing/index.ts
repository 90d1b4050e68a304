export { RESUME_PARSER_OPTIONS, ResumeParser, type ParsedResume, type ResumeParserOptions } from './resume-parser';
export { ResumeUnreadableError, type ResumeUnreadableReason } from './resume-parsing.errors';
