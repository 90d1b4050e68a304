import type { ResumeSection } from './resume-analysis';

export interface ResumeLine {
  readonly start: number;
  readonly end: number;
  readonly section: ResumeSection;
  readonly heading: boolean;
  /** A "Languages: …", "Environment: …" style line: a list of tools even outside a skills section. */
  readonly labelledList: boolean;
}

// Whole-line headings only: "Experience in Java" is a sentence, "WORK EXPERIENCE" a heading.
const HEADINGS: readonly (readonly [ResumeSection, RegExp])[] = [
  [
    'skills',
    /^(?:(?:key|core|technical|technology|it|computer|professional|software|relevant|additional|other|primary|programming|tech)\s+)*(?:skills?|skill ?sets?|competenc(?:y|ies)|(?:areas? of )?expertise|technolog(?:y|ies)|tools(?: and technologies)?|proficienc(?:y|ies)|knowledge|programming languages|skills and (?:abilities|competencies|tools|expertise|knowledge)|summary of skills|technical summary|tech stack)$/,
  ],
  [
    'experience',
    /^(?:(?:work|professional|employment|relevant|career|industry|it|technical|total)\s+)*(?:experiences?|employment(?: history)?|work history|career history|professional background|internships?)(?: details| summary)?$/,
  ],
  ['projects', /^(?:(?:academic|personal|key|major|professional|recent|selected|notable|college|side|live|software)\s+)*(?:projects?(?: details| experience| undertaken| handled| profile| summary)?)$/],
  [
    'education',
    /^(?:education|educational (?:qualifications?|details|background|profile)|academic (?:qualifications?|profile|background|details|record|credentials)|education (?:and|&) (?:training|qualifications?)|qualifications?|scholastics?)$/,
  ],
  ['certifications', /^(?:certifications?|certificates?|licen[cs]es|certifications? and (?:licen[cs]es|trainings?|courses)|licen[cs]es and certifications?|trainings?(?: and certifications?)?|courses(?: and certifications?)?|trainings? attended)$/],
  ['interests', /^(?:(?:personal|other)\s+)?(?:interests?|hobbies|hobbies and interests|interests and hobbies|leisure)$/],
  ['summary', /^(?:(?:professional|career|executive|personal)\s+)?(?:summary|profile|objectives?|overview|about me|introduction|highlights)$/],
  [
    'other',
    /^(?:additional information|links|references?|awards?(?: and achievements)?|achievements|accomplishments|publications|personal (?:details|information|profile|data)|declaration|languages(?: known)?|groups|military service|volunteer(?: experience| work)?|memberships?|patents|extra ?curricular(?: activities)?|activities|contact(?: information)?)$/,
  ],
];

const LIST_LABEL = /^\W*(?:[a-z/&]+ ){0,3}(?:skills?|languages?|technolog(?:y|ies)|tools|environment|frameworks?|platforms?|stack|databases?|software|operating systems?|scripting|ides?|servers?|web technologies|methodolog(?:y|ies))\s*:/i;

/** The section a line announces when it is a heading, else undefined. */
export function headingSection(line: string): ResumeSection | undefined {
  if (line.length > 60) return undefined;
  const words = line
    .toLowerCase()
    .replace(/^[\s•*#>\-–—·○▪■◦\d.)]+/u, '')
    .replace(/[\s:.\-–—]+$/u, '')
    .replace(/\s*[&/]\s*/g, ' and ')
    .replace(/\s+/g, ' ');
  if (words.length === 0) return undefined;
  return HEADINGS.find(([, pattern]) => pattern.test(words))?.[0];
}

/** Lines with the section each belongs to; text above the first heading counts as the summary. */
export function resumeLines(text: string): ResumeLine[] {
  const lines: ResumeLine[] = [];
  let section: ResumeSection = 'summary';
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    const announced = headingSection(line);
    if (announced) section = announced;
    lines.push({ start, end, section, heading: announced !== undefined, labelledList: !announced && LIST_LABEL.test(line) });
    start = end + 1;
  }
  return lines;
}

/** Index of the line holding `offset` (binary search: lines are in order). */
export function lineIndexAt(lines: readonly ResumeLine[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid].start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
