// One source of truth for module aliases: tsconfig.base.json. The build (tools/build.mjs) and jest
// both derive their SWC options from it, so an alias added there works everywhere.
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const tsconfig = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8'));

/** tsconfig `paths`, e.g. { '@pathwise/contracts': ['libs/contracts/src/index.ts'] } */
const aliases = tsconfig.compilerOptions.paths;

/** SWC options that emit CommonJS with decorator metadata (NestJS DI needs it) and rewrite aliases. */
function swcOptions() {
  return {
    swcrc: false,
    sourceMaps: true,
    module: { type: 'commonjs', strict: true },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      baseUrl: root,
      paths: aliases,
    },
  };
}

/** jest moduleNameMapper entries for the same aliases. */
function jestModuleNameMapper() {
  return Object.fromEntries(
    Object.entries(aliases).map(([alias, [target]]) => [`^${alias.replace(/[/]/g, '\\/')}$`, path.join(root, target)]),
  );
}

module.exports = { root, aliases, swcOptions, jestModuleNameMapper };
