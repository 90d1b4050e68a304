// Compiles apps/ and libs/ (tests excluded) to dist/ with SWC, keeping the source layout so that
// dist/apps/<app>/src/main.js runs with plain `node`. Aliases come from tsconfig.base.json.
// Type errors are caught separately by `npm run typecheck` (tsc --noEmit). The web app (apps/web) is
// bundled by Vite into dist/web instead (tools/web/build.mjs), which this leaves in place.
import { transformFile } from '@swc/core';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { root, swcOptions } = require('./swc-options.cjs');
const outDir = path.join(root, 'dist');
const TEST_FILE = /\.(spec|int-spec|e2e-spec)\.ts$/;

const BUNDLED_ELSEWHERE = new Set([path.join(root, 'apps/web')]);

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (BUNDLED_ELSEWHERE.has(full)) continue;
    if (entry.isDirectory()) yield* sources(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !TEST_FILE.test(entry.name)) yield full;
  }
}

const started = performance.now();
await Promise.all(['apps', 'libs'].map((top) => rm(path.join(outDir, top), { recursive: true, force: true })));
const options = swcOptions();
let count = 0;
for (const top of ['apps', 'libs']) {
  for await (const file of sources(path.join(root, top))) {
    const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
    const { code, map } = await transformFile(file, { ...options, filename: file, sourceFileName: path.relative(path.dirname(target), file) });
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, `${code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
    if (map) await writeFile(`${target}.map`, map);
    count += 1;
  }
}

// The saga workflows, bundled once here for Temporal's deterministic sandbox, so a saga-worker
// started from dist/ (npm start, the image, the system tests) loads the bundle instead of running
// webpack at every start (seconds of CPU; idle resident memory measured 338 → 222 MiB).
const bundleStarted = performance.now();
const { bundleWorkflowCode } = require('@temporalio/worker');
// With the same interceptor modules the worker bundles when it bundles at start.
const { INTERCEPTOR_MODULES } = require(path.join(outDir, 'libs/saga/workflows/src/interceptor-modules.js'));
const { code } = await bundleWorkflowCode({
  workflowsPath: path.join(outDir, 'libs/saga/workflows/src/index.js'),
  workflowInterceptorModules: INTERCEPTOR_MODULES,
  logger: { trace() {}, debug() {}, info() {}, log() {}, warn: (message) => console.warn(message), error: (message) => console.error(message) },
});
await writeFile(path.join(outDir, 'libs/saga/workflows/workflow-bundle.js'), code);
console.log(`build: ${count} files compiled to dist/ in ${Math.round(bundleStarted - started)} ms, saga workflows bundled in ${Math.round(performance.now() - bundleStarted)} ms`);
