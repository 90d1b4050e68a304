import type { SkillClaimStatus } from './resume-analysis';

// A clause ends at sentence punctuation, a line break or a contrast ("…, but I know Docker").
const CLAUSE_BREAK = /[.;!?\n]|\b(?:but|however|although|though|whereas|except)\b/gi;

const NEGATION = new RegExp(
  [
    String.raw`\b(?:no|not any|without(?: any)?|lack(?:s|ing)?(?: of)?|zero|little or no)\s+(?:[\w-]+\s+){0,2}?(?:experience|exposure|knowledge|familiarity|background|skills?)\b`,
    String.raw`\bnot\s+(?:yet\s+|very\s+|really\s+)?(?:familiar|experienced|proficient|comfortable|skilled|exposed|worked|used)\b`,
    String.raw`\bnever\s+(?:used|worked|touched|programmed|written)\b`,
    String.raw`\bunfamiliar\s+with\b`,
    String.raw`\b(?:haven't|have not|hasn't|has not|didn't|did not)\s+(?:yet\s+|ever\s+)?(?:used|worked|touched|written)\b`,
  ].join('|'),
  'gi',
);

const ASPIRATION = new RegExp(
  [
    String.raw`\b(?:want(?:s|ed)?|would like|'d like|wish(?:es)?|plan(?:s|ning)?|hope|hoping|eager|keen|aim(?:s|ing)?|intend(?:s|ing)?|aspir(?:e|ing)|looking|excited)\s+(?:to\s+)?(?:learn|study|explore|pick up|master|get into|dive into|start with|try)\b`,
    String.raw`\binterested in (?:learning|exploring|studying)\b`,
    String.raw`\bfamiliari[sz]ing (?:myself )?with\b`,
    // "learning Rust", but not machine learning, e-learning or a learning management system.
    String.raw`(?<!\b(?:machine|deep|reinforcement|supervised|unsupervised|online|distance|e-|lifelong|continuous|federated|transfer)\s?)\blearning\b(?!\s+(?:management|platform|portal|system|curve|resources|materials|outcomes|objectives|centre|center|and development|&))`,
  ].join('|'),
  'gi',
);

const TECH_CUE = /\b(?:programming|programmer|languages?|coding|developer|developers|golang|compiler|frameworks?|library|libraries|sdk|apis?|backend|back-end|scripting|scripts?|microservices?|web services|tech stack)\b/i;
// A version right after the name ("Go 1.21", "Spring 5"), but not a year ("Spring 2019").
const VERSION_AFTER = /^ ?v?(?!(?:19|20)\d\d\b)\d+(?:\.\d+)*(?:\.x)?\b/i;
/** How far either side of an ambiguous mention a cue may sit, within its line. */
export const CUE_WINDOW = 60;

/** The clause that holds [start, end): from the last break before it to the first after it. */
export function clauseAround(text: string, start: number, end: number, lineStart: number, lineEnd: number): { before: string; after: string } {
  const line = text.slice(lineStart, lineEnd);
  let from = 0;
  for (const match of line.slice(0, start - lineStart).matchAll(CLAUSE_BREAK)) from = match.index + match[0].length;
  const rest = line.slice(end - lineStart);
  const stop = rest.search(CLAUSE_BREAK);
  return { before: line.slice(from, start - lineStart), after: stop === -1 ? rest : rest.slice(0, stop) };
}

/** Negated or aspirational when such a cue precedes the mention in its clause; the nearer cue decides. */
export function statusFromCues(before: string): SkillClaimStatus {
  const last = (pattern: RegExp) => {
    let at = -1;
    for (const match of before.matchAll(pattern)) at = match.index;
    return at;
  };
  const negation = last(NEGATION);
  const aspiration = last(ASPIRATION);
  if (negation < 0 && aspiration < 0) return 'claimed';
  return negation > aspiration ? 'negated' : 'aspirational';
}

/** A cue word or a version number near an ambiguous mention. */
export function hasTechnicalCue(text: string, start: number, end: number, lineStart: number, lineEnd: number): boolean {
  if (VERSION_AFTER.test(text.slice(end, Math.min(lineEnd, end + 16)))) return true;
  const window = text.slice(Math.max(lineStart, start - CUE_WINDOW), start) + ' ' + text.slice(end, Math.min(lineEnd, end + CUE_WINDOW));
  return TECH_CUE.test(window);
}
