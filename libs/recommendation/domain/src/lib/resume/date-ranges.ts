/** A span of months, as month indexes (year × 12 + month − 1), both ends included. */
export interface DateRange {
  readonly start: number;
  readonly end: number;
  /** Offsets of the range's text in the normalised resume. */
  readonly at: number;
  readonly until: number;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const POINT = String.raw`(?:${MONTH}[ ,']*${YEAR}|${MONTH} ?'\d{2}|\d{1,2}[/.-]${YEAR}|${YEAR}[/.-]\d{1,2}(?!\d)|${YEAR})`;
const OPEN_END = String.raw`(?:present|current(?:ly)?|now|today|ongoing|(?:till|until|to) (?:date|now|present)|date)`;
const SEPARATOR = String.raw`\s*(?:-|–|—|~|to|till|until|through|thru)\s*`;
const RANGE = new RegExp(String.raw`(?<![\w/.-])(${POINT})(?:${SEPARATOR}(${POINT}|${OPEN_END})|\s+(onwards|till date|to date))(?![\w/])`, 'gi');

/** Parses one date point; `asEnd` turns a bare year into its December. */
function monthIndex(point: string, asEnd: boolean): number | undefined {
  const text = point.toLowerCase();
  const monthName = /[a-z]{3}/.exec(text);
  const fourDigitYear = /(?:19|20)\d{2}/.exec(text);
  if (monthName) {
    const month = MONTHS.indexOf(monthName[0]);
    const year = fourDigitYear ? Number(fourDigitYear[0]) : 2000 + Number(/'(\d{2})/.exec(text)?.[1]);
    return month < 0 || Number.isNaN(year) ? undefined : year * 12 + month;
  }
  if (!fourDigitYear) return undefined;
  const year = Number(fourDigitYear[0]);
  const numbers = text.split(/[/.-]/).map(Number);
  if (numbers.length === 1) return year * 12 + (asEnd ? 11 : 0);
  const month = fourDigitYear.index === 0 ? numbers[1] : numbers[0];
  return month >= 1 && month <= 12 ? year * 12 + month - 1 : undefined;
}

/**
 * Date ranges in the text ("Jan 2019 – Mar 2021", "2018 - Present", "06/2017 to 08/2019"). Open
 * ends mean `asOfMonth`; ends past it are cut to it; ranges that start after it or run backwards
 * are dropped, since they are typos or plans rather than experience.
 */
export function findDateRanges(text: string, asOfMonth: number): DateRange[] {
  const ranges: DateRange[] = [];
  for (const match of text.matchAll(RANGE)) {
    const start = monthIndex(match[1], false);
    const end = match[2] === undefined || new RegExp(`^${OPEN_END}$`, 'i').test(match[2]) ? asOfMonth : monthIndex(match[2], true);
    if (start === undefined || end === undefined || start > asOfMonth || end < start) continue;
    ranges.push({ start, end: Math.min(end, asOfMonth), at: match.index, until: match.index + match[0].length });
  }
  return ranges;
}

export function monthLabel(month: number): string {
  return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
}
