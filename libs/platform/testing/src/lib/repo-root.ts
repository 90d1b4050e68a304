import { existsSync } from 'node:fs';
import path from 'node:path';

/** The workspace root (the folder holding nx.json), whether running from sources or from dist/. */
function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRepoRoot(__dirname);
export const envFile = path.join(repoRoot, '.env');
