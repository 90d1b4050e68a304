import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** Keys of each app's zod config schema, read from apps/<app>/src/config.ts. */
function configKeys(): string[] {
  const apps = readdirSync(path.join(workspaceRoot, 'apps'));
  const keys = apps.flatMap((app) => {
    try {
      const source = readFileSync(path.join(workspaceRoot, 'apps', app, 'src/config.ts'), 'utf8');
      return [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1] as string);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  });
  return [...new Set(keys)];
}

describe('.env.example', () => {
  it('when compared with every app config schema, then it lists every key (set or commented with its default)', () => {
    const example = readFileSync(path.join(workspaceRoot, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    const keys = configKeys();
    expect(keys.length).toBeGreaterThan(10);
    expect(keys.filter((key) => !listed.has(key))).toEqual([]);
  });
});
