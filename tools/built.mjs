// Scripts (contracts, redrive, benchmarks) run the project's compiled code: this compiles the
// workspace once (tools/build.mjs, well under a second) and loads modules from dist/.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
let built = false;

/** `requireBuilt('libs/platform/messaging/src/index')` → the compiled module. */
export function requireBuilt(modulePath, { quiet = false } = {}) {
  if (!built) {
    execFileSync(process.execPath, [path.join(root, 'tools/build.mjs')], { stdio: quiet ? 'ignore' : 'inherit' });
    built = true;
  }
  return require(path.join(root, 'dist', `${modulePath}.js`));
}
