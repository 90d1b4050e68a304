import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');
const patternsDir = path.join(workspaceRoot, 'docs/patterns');

/** Repository paths quoted in a page: `libs/...`, `apps/...`, `tools/...`, `bench/...`, `infra/...`. */
function citedPaths(markdown: string): string[] {
  return [...markdown.matchAll(/`((?:libs|apps|tools|bench|infra)\/[^`\s*]+)`/g)].map((match) => match[1] as string);
}

describe('pattern pages', () => {
  const pages = readdirSync(patternsDir).filter((file) => file.endsWith('.md'));

  it('when docs/patterns is listed, then there is at least one page', () => {
    expect(pages.length).toBeGreaterThan(0);
  });

  it.each(pages)('when %s cites code, then every cited path still exists', (page) => {
    const cited = citedPaths(readFileSync(path.join(patternsDir, page), 'utf8'));
    expect(cited.length).toBeGreaterThan(0);
    expect(cited.filter((cite) => !existsSync(path.join(workspaceRoot, cite.replace(/\/$/, ''))))).toEqual([]);
  });
});
