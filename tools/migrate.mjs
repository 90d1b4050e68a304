// `npm run migrate`: brings every service database to the latest schema, then loads the catalog's
// seed content (idempotent). Runs the same compiled commands a Kubernetes Job would run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { APPS } from './apps.mjs';
import { build, root } from './built.mjs';

/** Runs each app's `migrate` command, then every `seed` command, stopping at the first failure. */
export function migrateAndSeed() {
  for (const step of ['migrate', 'seed']) {
    for (const app of APPS) {
      const script = path.join(root, 'dist/apps', app.name, 'src', `${step}.js`);
      if (!existsSync(script)) continue;
      const result = spawnSync(process.execPath, ['--enable-source-maps', script], { cwd: root, env: process.env, stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`${app.name} ${step} failed (exit ${result.status ?? result.signal})`);
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.loadEnvFile(path.join(root, '.env'));
  try {
    build();
    migrateAndSeed();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
