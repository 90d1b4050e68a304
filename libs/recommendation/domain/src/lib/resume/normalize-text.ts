// Spaces other than the ASCII one (tab, NBSP, thin and ideographic spaces…) and invisible marks.
const SPACES = /[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * The text every offset refers to: NFC, `\n` line endings, one space between words, no spaces at
 * line ends and at most one blank line in a row. Same input, same output, so offsets are stable.
 */
export function normalizeResumeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(INVISIBLE, '')
    .replace(SPACES, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
