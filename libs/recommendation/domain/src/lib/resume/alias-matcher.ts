import type { ResumeCatalog, SkillAlias } from './resume-analysis';

interface CompiledAlias {
  readonly text: string;
  readonly lower: string;
  readonly upper: string;
  /** Empty for a blocker. */
  readonly skillIds: readonly string[];
  readonly ambiguous: boolean;
  readonly caseSensitive: boolean;
  /** Characters before the first letter or digit (1 for ".NET"). */
  readonly lead: number;
}

export interface CompiledCatalog {
  readonly catalogVersion: string;
  /** Keyed by the alias's first run of letters and digits, longest alias first. */
  readonly byFirstRun: ReadonlyMap<string, readonly CompiledAlias[]>;
}

export interface AliasMatch {
  readonly start: number;
  readonly end: number;
  readonly skillIds: readonly string[];
  readonly ambiguous: boolean;
}

const FIRST_RUN = /[\p{L}\p{N}]+/u;
const VERSION_SUFFIX = /^\d+(?:\.\d+)*[a-z]?/i;
// Addresses are not claims: "linkedin.com/in/java-dev" says nothing about Java.
const ADDRESS = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/gi;

const cache = new WeakMap<ResumeCatalog, CompiledCatalog>();

/** Compiled once per catalog object; the result depends only on the catalog's content. */
export function compileCatalog(catalog: ResumeCatalog): CompiledCatalog {
  const cached = cache.get(catalog);
  if (cached) return cached;
  const merged = new Map<string, { text: string; skillIds: Set<string>; ambiguous: boolean; caseSensitive: boolean }>();
  const add = (alias: SkillAlias, skillId: string | undefined) => {
    const text = alias.text.trim().replace(/\s+/g, ' ');
    if (!FIRST_RUN.test(text)) return;
    const key = text.toLowerCase().replace(/-/g, ' ');
    const entry = merged.get(key) ?? { text, skillIds: new Set<string>(), ambiguous: false, caseSensitive: false };
    if (skillId) entry.skillIds.add(skillId);
    entry.ambiguous ||= alias.ambiguous === true;
    entry.caseSensitive ||= alias.caseSensitive === true;
    merged.set(key, entry);
  };
  // Sorted input, so a shuffled catalog compiles to the same matcher.
  const skills = [...catalog.skills].sort((a, b) => compare(a.skillId, b.skillId));
  for (const skill of skills) {
    const aliases = skill.aliases.length > 0 ? skill.aliases : [skill.name];
    for (const alias of aliases) add(typeof alias === 'string' ? { text: alias } : alias, skill.skillId);
  }
  for (const blocker of [...(catalog.blockers ?? [])].sort(compare)) add({ text: blocker }, undefined);

  const byFirstRun = new Map<string, CompiledAlias[]>();
  for (const key of [...merged.keys()].sort(compare)) {
    const entry = merged.get(key)!;
    const run = FIRST_RUN.exec(entry.text)!;
    const compiled: CompiledAlias = {
      text: entry.text,
      lower: entry.text.toLowerCase(),
      upper: entry.text.toUpperCase(),
      skillIds: [...entry.skillIds].sort(compare),
      ambiguous: entry.ambiguous,
      caseSensitive: entry.caseSensitive,
      lead: run.index,
    };
    const bucket = byFirstRun.get(run[0].toLowerCase()) ?? [];
    bucket.push(compiled);
    byFirstRun.set(run[0].toLowerCase(), bucket);
  }
  for (const bucket of byFirstRun.values()) bucket.sort((a, b) => b.text.length - a.text.length || compare(a.lower, b.lower));
  const compiled = { catalogVersion: catalog.catalogVersion, byFirstRun };
  cache.set(catalog, compiled);
  return compiled;
}

/**
 * Whole-token alias matches, longest first and never overlapping. Blockers take part in the
 * contest and are then dropped, so the text they cover yields nothing.
 */
export function findAliases(text: string, compiled: CompiledCatalog): AliasMatch[] {
  const word = wordFlags(text);
  const lower = lowerPerChar(text);
  const masked = addressMask(text);
  const found: (AliasMatch & { blocker: boolean })[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!word[i] || (i > 0 && word[i - 1])) continue;
    let j = i;
    while (j < text.length && word[j]) j++;
    const run = lower.slice(i, j);
    const unversioned = run.replace(/\d+[a-z]?$/, '');
    const candidates = [...(compiled.byFirstRun.get(run) ?? []), ...(unversioned !== run && unversioned ? (compiled.byFirstRun.get(unversioned) ?? []) : [])];
    let best: (AliasMatch & { blocker: boolean }) | undefined;
    for (const alias of candidates) {
      const start = i - alias.lead;
      if (start < 0 || masked[start]) continue;
      const end = matchEnd(text, lower, word, alias, start);
      if (end !== undefined && (!best || end > best.end)) best = { start, end, skillIds: alias.skillIds, ambiguous: alias.ambiguous, blocker: alias.skillIds.length === 0 };
    }
    if (best) found.push(best);
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: AliasMatch[] = [];
  let reached = 0;
  for (const match of found) {
    if (match.start < reached) continue;
    reached = match.end;
    if (!match.blocker) kept.push({ start: match.start, end: match.end, skillIds: match.skillIds, ambiguous: match.ambiguous });
  }
  return kept;
}

function matchEnd(text: string, lower: string, word: Uint8Array, alias: CompiledAlias, start: number): number | undefined {
  const length = alias.text.length;
  if (start + length > text.length) return undefined;
  const sameAs = (target: string, source: string) => {
    for (let k = 0; k < length; k++) {
      const want = target[k];
      const got = source[start + k];
      if (want === ' ' || want === '-') {
        if (got !== ' ' && got !== '-') return false;
      } else if (want !== got) return false;
    }
    return true;
  };
  const matched = alias.caseSensitive ? sameAs(alias.text, text) || sameAs(alias.upper, text) : sameAs(alias.lower, lower);
  if (!matched) return undefined;
  // Joined by a hyphen ("Java-based") still counts for a distinctive alias, not for "Objective-C" or "C-level".
  const hyphenJoins = alias.ambiguous || alias.lower.length < 3;
  if (!leftBoundary(text, word, start, hyphenJoins)) return undefined;
  let end = start + length;
  if (!alias.ambiguous && /[a-z]$/i.test(alias.text)) end += VERSION_SUFFIX.exec(text.slice(end, end + 12))?.[0].length ?? 0;
  return rightBoundary(text, word, end, hyphenJoins) ? end : undefined;
}

function leftBoundary(text: string, word: Uint8Array, start: number, hyphenJoins: boolean): boolean {
  if (start === 0) return true;
  if (word[start - 1]) return false;
  const before = text[start - 1];
  const joined = start >= 2 && word[start - 2] === 1;
  if (before === '.' && joined) return false;
  return !(before === '-' && joined && hyphenJoins);
}

function rightBoundary(text: string, word: Uint8Array, end: number, hyphenJoins: boolean): boolean {
  if (end === text.length) return true;
  const after = text[end];
  if (word[end] || after === '+' || after === '#') return false;
  const joined = end + 1 < text.length && word[end + 1] === 1;
  if (after === '.' && joined) return false;
  return !(after === '-' && joined && hyphenJoins);
}

function wordFlags(text: string): Uint8Array {
  const flags = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    flags[i] = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code > 127 && /[\p{L}\p{N}]/u.test(text[i])) ? 1 : 0;
  }
  return flags;
}

/** Lower case without changing any offset (some characters lengthen when lowered). */
function lowerPerChar(text: string): string {
  const ascii = text.toLowerCase();
  if (ascii.length === text.length) return ascii;
  let out = '';
  for (const char of text) {
    const lowered = char.toLowerCase();
    out += lowered.length === char.length ? lowered : char;
  }
  return out;
}

function addressMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (const match of text.matchAll(ADDRESS)) mask.fill(1, match.index, match.index + match[0].length);
  return mask;
}

export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
