import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');
const reliabilityPage = 'docs/reliability.md';

type Status = 'covered' | 'partly covered' | 'not yet covered' | 'planned';

interface CitedTest {
  file: string;
  title: string;
}

interface ReliabilityCase {
  number: number;
  status: Status | undefined;
  tests: CitedTest[];
  testsCell: string;
}

/** Rows of the tables in docs/reliability.md: `| # | Layer | Case | Expected | Status | Tests |`. */
function readCases(markdown: string): ReliabilityCase[] {
  return markdown
    .split('\n')
    .filter((line) => /^\|\s*\d+\s*\|/.test(line))
    .map((line) => {
      const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
      const statusCell = (cells[4] ?? '').toLowerCase();
      const testsCell = cells[5] ?? '';
      const status = (['not yet covered', 'partly covered', 'covered', 'planned'] as const).find((s) => statusCell.startsWith(s));
      const tests = [...testsCell.matchAll(/`([^`]+)`\s+"([^"]+)"/g)].map((match) => ({ file: match[1] as string, title: match[2] as string }));
      return { number: Number(cells[0]), status, tests, testsCell };
    });
}

/** Every file under `dir` (relative to the workspace), skipping what is never ours to read. */
function walk(dir: string, skipDirs: ReadonlySet<string>): string[] {
  return readdirSync(path.join(workspaceRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return skipDirs.has(entry.name) ? [] : walk(relative, skipDirs);
    return entry.isFile() ? [relative] : [];
  });
}

const specFiles = () =>
  ['apps', 'libs', 'tools'].flatMap((root) => walk(root, new Set(['node_modules', 'dist']))).filter((file) => /\.(?:int-|e2e-)?spec\.ts$/.test(file));

/** A spec's source as the runner sees its titles: `\'` in a quoted title is `'`. */
const unescaped = (source: string) => source.replace(/\\(['"`\\])/g, '$1');

/** "row 9", "rows 1–6", "rows 29, 31", "cases 24 and 27" → the numbers they name. */
function citedNumbers(text: string): number[] {
  const lists = [...text.matchAll(/\b(?:rows?|cases?)\s+(\d+(?:\s*(?:[–-]|,|and)\s*\d+)*)(?![\d:])/gi)].map((match) => match[1] as string);
  return lists.flatMap((list) =>
    [...list.matchAll(/(\d+)(?:\s*[–-]\s*(\d+))?/g)].flatMap((match) => {
      const from = Number(match[1]);
      const to = match[2] ? Number(match[2]) : from;
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    }),
  );
}

describe('reliability cases (docs/reliability.md)', () => {
  const cases = readCases(readFileSync(path.join(workspaceRoot, reliabilityPage), 'utf8'));
  const numbers = new Set(cases.map((c) => c.number));

  it('when the cases are read, then they are numbered 1..N once each, so references stay stable', () => {
    expect(cases.length).toBeGreaterThanOrEqual(47);
    expect(cases.map((c) => c.number)).toEqual(cases.map((_, i) => i + 1));
  });

  it('when a case has a status, then it is covered, partly covered, not yet covered or planned', () => {
    expect(cases.filter((c) => c.status === undefined).map((c) => c.number)).toEqual([]);
  });

  it('when a case is marked covered or partly covered, then it names at least one test; otherwise it names none', () => {
    const claimed = cases.filter((c) => c.status === 'covered' || c.status === 'partly covered');
    expect(claimed.length).toBeGreaterThan(0);
    expect(claimed.filter((c) => c.tests.length === 0).map((c) => c.number)).toEqual([]);
    expect(cases.filter((c) => c.status === 'not yet covered' || c.status === 'planned').filter((c) => c.testsCell !== '—').map((c) => c.number)).toEqual([]);
  });

  it('when a test is named, then its file exists and contains that title', () => {
    const missing = cases.flatMap((c) =>
      c.tests
        .filter((test) => {
          const file = path.join(workspaceRoot, test.file);
          return !existsSync(file) || !unescaped(readFileSync(file, 'utf8')).includes(test.title);
        })
        .map((test) => `case ${c.number}: ${test.file} "${test.title}"`),
    );
    expect(missing).toEqual([]);
  });

  it('when a spec cites a case (or row) number, then that case exists', () => {
    const dangling = specFiles().flatMap((file) =>
      citedNumbers(readFileSync(path.join(workspaceRoot, file), 'utf8'))
        .filter((n) => !numbers.has(n))
        .map((n) => `${file}: ${n}`),
    );
    expect(dangling).toEqual([]);
  });

  it('when a test title ends by naming its case, then the page lists that test under that case', () => {
    const listed = new Set(cases.flatMap((c) => c.tests.map((test) => `${c.number} ${test.file} ${test.title}`)));
    const titled = specFiles().flatMap((file) => {
      const source = unescaped(readFileSync(path.join(workspaceRoot, file), 'utf8'));
      // Titles given to it or test (plain or .each, including the `])(` that closes a multi-line each)
      // whose last words are a case number in parentheses.
      const titles = [...source.matchAll(/(?:\b(?:it|test)(?:\.each\([^)]*\))?|\]\))\(\s*(['"`])(.*?\((?:row|case) (\d+)\))\1/g)];
      return titles.map((match) => `${match[3]} ${file} ${match[2]}`);
    });
    expect(titled.length).toBeGreaterThan(0);
    expect(titled.filter((key) => !listed.has(key))).toEqual([]);
  });
});

/**
 * Citations of documents a reader of this repository does not have: the briefs the project was
 * started from. The repository's own pages replace them — docs/architecture.md,
 * docs/contributing.md and docs/reliability.md.
 */
const OUTSIDE_CITATIONS: readonly RegExp[] = [/\.\.\/shared\b/, /\bRELIABILITY\b/, /STYLE\.md/, /ARCHITECTURE\.md/, /\bARCHITECTURE,/, /\bissue item\b/i];

/** Areas not yet rewritten to cite the docs in this repository: none left. Keep it that way. */
const NOT_YET_FIXED: readonly string[] = [];

/** Lines allowed to name those documents, and why. */
const ALLOWED: readonly { file: string; why: string }[] = [
  { file: 'tools/architecture/src/reliability.spec.ts', why: 'this check has to spell out what it looks for' },
  // The labelled development set of resumes lives beside the repository, not in it.
  { file: 'bench/resume/evaluate.mjs', why: "the development set's default path" },
  { file: 'bench/resume/run.mjs', why: "the development set's default path" },
  { file: 'libs/recommendation/domain/README.md', why: "the development set's default path in a command line" },
];

/** Never scanned: installed packages, build output, local data and caches, and .env (secrets). */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.data', '.git', '.nx', 'coverage']);
const SKIPPED_FILES = /(?:^|\/)\.env$|\.(?:png|jpe?g|gif|ico|pdf|gz|tgz|zip|jar|woff2?)$/;

describe('citations stay inside the repository', () => {
  it('when every file outside the TODO list is read, then none cites a document the repository does not have', () => {
    const files = walk('', SKIPPED_DIRS).filter(
      (file) => !SKIPPED_FILES.test(file) && !NOT_YET_FIXED.some((area) => file === area || file.startsWith(area)) && !ALLOWED.some((allowed) => allowed.file === file),
    );
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) =>
      readFileSync(path.join(workspaceRoot, file), 'utf8')
        .split('\n')
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => OUTSIDE_CITATIONS.some((pattern) => pattern.test(line)))
        .map(({ line, index }) => `${file}:${index + 1}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });

  it('when the TODO list names an area, then the area still exists (a removed area leaves the list too)', () => {
    expect(NOT_YET_FIXED.filter((area) => !existsSync(path.join(workspaceRoot, area)))).toEqual([]);
  });
});
