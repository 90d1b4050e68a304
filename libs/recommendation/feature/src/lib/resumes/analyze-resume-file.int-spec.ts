import { repoRoot } from '@pathwise/platform/testing';
import { normalizeResumeText, RESUME_EXTRACTOR_VERSION } from '@pathwise/recommendation/domain';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { docx, pdf } from './parsing/testing/resume-fixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The command as `npm run resume:analyze -- …` runs it: compiles the workspace and loads dist/. */
function analyze(...args: string[]): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'tools/analyze-resumes.mjs'), ...args], { cwd: repoRoot, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
  });
}

const TEXT_RESUME = `Ada Example — Backend developer

SKILLS
PostgreSQL, Docker, Git

EXPERIENCE
Backend Engineer, Example GmbH, Mar 2020 - Present
Designed REST APIs in Node.js; reports in Oracle Hyperion.
No experience with Kubernetes yet.
`;

describe('resume:analyze (tools/analyze-resumes.mjs), the batch command', () => {
  let dir: string;
  let out: string;
  const file = (name: string, content: string | Buffer) => {
    writeFileSync(path.join(dir, name), content);
    return path.join(dir, name);
  };
  const written = (name: string): Json => JSON.parse(readFileSync(path.join(out, name), 'utf8')) as Json;
  const skill = (analysis: Json, skillId: string): Json | undefined => (analysis['skills'] as Json[]).find((found) => found['skillId'] === skillId);

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'resume-analyze-'));
    out = path.join(dir, 'out');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when given a text resume and a two-page PDF, then each gets its analysis in the service shape with evidence, and the command exits 0', async () => {
    const text = file('ada.txt', TEXT_RESUME);
    const twoPages = file('grace.pdf', pdf(['Grace Example\nTECHNICAL SKILLS\nKubernetes, Terraform, Python', 'EXPERIENCE\nPlatform Engineer, Jan 2019 - Dec 2020\nRan Kafka on Kubernetes']));

    const run = await analyze('--out', out, '--as-of', '2026-11-21', text, twoPages);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(readdirSync(out).sort()).toEqual(['ada.json', 'grace.json']);
    const ada = written('ada.json');
    expect(Object.keys(ada).sort()).toEqual(['asOf', 'catalogVersion', 'extractorVersion', 'skills', 'textSha256']);
    expect(ada).toMatchObject({ extractorVersion: RESUME_EXTRACTOR_VERSION, asOf: '2026-11-21', catalogVersion: expect.stringMatching(/^content-[0-9a-f]{16}$/) });
    expect(ada['textSha256']).toBe(createHash('sha256').update(normalizeResumeText(TEXT_RESUME)).digest('hex'));
    expect(skill(ada, 'skill:sql')).toMatchObject({ status: 'claimed', evidence: [{ text: 'PostgreSQL', section: 'skills', status: 'claimed' }] });
    expect(skill(ada, 'skill:rest-api')).toMatchObject({ status: 'claimed', lastUsed: '2026-11', monthsUsed: 81 });
    expect(skill(ada, 'skill:kubernetes')).toMatchObject({ status: 'negated' });

    const grace = written('grace.json');
    expect(grace['catalogVersion']).toBe(ada['catalogVersion']);
    expect(skill(grace, 'skill:infrastructure-as-code')).toMatchObject({ status: 'claimed', evidence: [{ text: 'Terraform', section: 'skills' }] });
    expect(skill(grace, 'skill:message-queues')).toMatchObject({ status: 'claimed', monthsUsed: 24, lastUsed: '2020-12', evidence: [{ text: 'Kafka', section: 'experience' }] });
    expect(run.stdout).not.toContain('Kubernetes');
  }, 60_000);

  it('when a phrase is one of the seeded blockers ("Oracle Hyperion"), then it claims nothing, as in the catalog seed', async () => {
    const run = await analyze('--out', out, '--as-of', '2026-11-21', file('blocked.md', 'EXPERIENCE\nFinance consultant: budgets in Oracle Hyperion and Excel.'));

    expect(run.code).toBe(0);
    expect(written('blocked.json')['skills']).toEqual([]);
  }, 60_000);

  it('when some files are bad, then each gets a line on stderr, the good ones are still written, and the exit code is 1', async () => {
    const good = file('good.docx', docx(['SKILLS', 'Java, Spring Boot, MySQL']));
    const notPdf = file('fake.pdf', 'not a pdf at all');
    const brokenPdf = file('broken.pdf', '%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF');
    const wrongType = file('old.doc', 'a legacy Word file');
    const missing = path.join(dir, 'missing.txt');

    const run = await analyze('--out', out, notPdf, good, brokenPdf, wrongType, missing);

    expect(run.code).toBe(1);
    expect(readdirSync(out)).toEqual(['good.json']);
    expect(skill(written('good.json'), 'skill:web-framework')).toMatchObject({ status: 'claimed' });
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      `resume:analyze: ${notPdf}: refused at upload (422): Declared as PDF but does not start with %PDF-.`,
      expect.stringMatching(new RegExp(`^resume:analyze: ${brokenPdf}: unreadable \\(malformed\\): `)),
      `resume:analyze: ${wrongType}: not a resume file type (.pdf, .docx, .txt, .md)`,
      `resume:analyze: ${missing}: cannot read the file (ENOENT)`,
      'resume:analyze: 4 of 5 files failed',
    ]);
  }, 60_000);

  it('when run twice on the same file and date, then the output is the same byte for byte', async () => {
    const text = file('same.txt', TEXT_RESUME);
    await analyze('--out', path.join(dir, 'first'), '--as-of', '2026-11-21', text);
    await analyze('--out', out, '--as-of', '2026-11-21', text);

    expect(readFileSync(path.join(out, 'same.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'first', 'same.json'), 'utf8'));
  }, 60_000);

  it('when --out or the files are missing, then it prints the usage and exits 2', async () => {
    const run = await analyze(file('lonely.txt', TEXT_RESUME));

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage: npm run resume:analyze -- --out DIR');
  }, 60_000);
});
