// Scripts (contracts, redrive, migrations, benchmarks) run the project's compiled code: this
// compiles the workspace once (tools/build.mjs: SWC in about a second, then the saga workflow bundle) and loads modules from dist/.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let built = false;

/**
 * Compiles the workspace to dist/, once per process. Throws when the build fails: running the
 * previous build's output instead would hide the failure.
 */
export function build({ quiet = false } = {}) {
  if (built) return;
  execFileSync(process.execPath, [path.join(root, 'tools/build.mjs')], { cwd: root, stdio: quiet ? 'ignore' : 'inherit' });
  built = true;
}

/** `requireBuilt('libs/platform/messaging/src/index')` → the compiled module. */
export function requireBuilt(modulePath, { quiet = false } = {}) {
  build({ quiet });
  return require(path.join(root, 'dist', `${modulePath}.js`));
}
