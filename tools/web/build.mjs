// Builds the learner web app (apps/web) with Vite into dist/web and reports the JavaScript a first
// load of the roadmap screen downloads: the entry chunk and every chunk it imports statically
// (from Vite's manifest), gzipped. Over the budget (200 KB, docs/benchmarks.md) the build fails.
import { build } from 'vite';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'dist/web');
export const FIRST_LOAD_BUDGET_BYTES = 200 * 1024;

const started = performance.now();
await build({ configFile: path.join(root, 'apps/web/vite.config.mts'), logLevel: 'warn', build: { manifest: true } });

const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8'));
const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
const seen = new Set();
const visit = (key) => {
  if (seen.has(key)) return;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) visit(imported);
};
visit(Object.keys(manifest).find((key) => manifest[key] === entry));
const files = [...seen].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
const sizes = files.map((file) => {
  const bytes = readFileSync(path.join(outDir, file));
  return { file, bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
});
const gzipped = sizes.reduce((sum, size) => sum + size.gzipped, 0);
const raw = sizes.reduce((sum, size) => sum + size.bytes, 0);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`web: built dist/web in ${Math.round(performance.now() - started)} ms`);
console.log(`web: first load JS ${kb(gzipped)} gzipped (${kb(raw)} raw) in ${files.length} file(s); budget ${kb(FIRST_LOAD_BUDGET_BYTES)}: ${gzipped <= FIRST_LOAD_BUDGET_BYTES ? 'met' : 'MISSED'}`);
if (gzipped > FIRST_LOAD_BUDGET_BYTES) process.exit(1);
