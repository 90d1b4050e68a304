// Build machines reach an npm mirror that serves only Linux builds, so `npm install` cannot read the
// manifests of other platforms' optional binaries (@swc/core-darwin-arm64, ...) and leaves them out
// of package-lock.json — after which `npm ci` rejects the lock as out of sync. This adds the entries
// npm would have written: optional, with os/cpu/libc taken from the package name, so `npm ci` skips
// them here and fetches them by version on the platforms that need them.
// Run after `npm install` changes the lock: `node tools/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const lockPath = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = [['arm64'], ['x64'], ['ia32'], ['ppc64'], ['s390x'], ['riscv64'], ['loong64'], ['arm', 'arm-']];

function platformOf(name) {
  const tokens = name.split('/').pop().split('-');
  const os = OS.find((candidate) => tokens.includes(candidate));
  const cpu = CPU.find(([candidate]) => tokens.includes(candidate))?.[0];
  if (!os || !cpu) return undefined;
  const libc = tokens.some((t) => t.startsWith('musl')) ? 'musl' : tokens.some((t) => t.startsWith('gnu')) && os === 'linux' ? 'glibc' : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const sibling = location ? `${location}/node_modules/${name}` : `node_modules/${name}`;
    if (lock.packages[sibling] || lock.packages[`node_modules/${name}`]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(range)) {
      console.error(`complete-lockfile: cannot infer an entry for ${name}@${range} (required by ${location || 'the root'})`);
      process.exitCode = 1;
      continue;
    }
    lock.packages[`node_modules/${name}`] = { version: range, license: entry.license, optional: true, ...platform };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);
