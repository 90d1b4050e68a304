import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import js from '@eslint/js';
import globals from 'globals';
import { readFileSync } from 'node:fs';

// Shared with the architecture test (tools/architecture), so both enforce the same lists.
const boundaries = JSON.parse(readFileSync(new URL('./tools/architecture/boundaries.json', import.meta.url), 'utf8'));

const serviceScopes = ['gateway', 'catalog', 'progress', 'recommendation', 'saga'];

/**
 * Module boundaries in two dimensions (docs/contributing.md): what a project type may depend on, and that no
 * service scope reaches into another (services meet only in shared libs such as contracts).
 * Test files may additionally use `type:testing` libs; production code may not.
 */
function depConstraints({ allowTesting }) {
  const testing = allowTesting ? ['type:testing'] : [];
  return [
    ...serviceScopes.map((scope) => ({ sourceTag: `scope:${scope}`, onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'] })),
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
    // System tests (apps/system-e2e) run every service together, so they may reach every scope.
    { sourceTag: 'scope:system', onlyDependOnLibsWithTags: ['*'] },
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:platform', 'type:contracts', 'type:workflow', ...testing] },
    { sourceTag: 'type:feature', onlyDependOnLibsWithTags: ['type:feature', 'type:domain', 'type:contracts', 'type:platform', ...testing] },
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: boundaries.domainBannedPackages },
    {
      sourceTag: 'type:workflow',
      onlyDependOnLibsWithTags: ['type:contracts', ...testing],
      allowedExternalImports: allowTesting ? boundaries.workflowAllowedInTests : boundaries.workflowAllowedPackages,
    },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
    { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:domain', ...testing] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:contracts', 'type:domain', 'type:workflow'] },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:platform', 'type:contracts', 'type:feature', 'type:workflow'] },
  ];
}

const boundaryRule = (allowTesting) => [
  'error',
  { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints({ allowTesting }) },
];

const testFiles = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/testing.ts'];

export default [
  { ignores: ['**/node_modules', '**/dist', '**/coverage', '.nx', '.data', 'tools/architecture/fixtures/**', 'apps/web/src/api/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': boundaryRule(false),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  { files: testFiles, rules: { '@nx/enforce-module-boundaries': boundaryRule(true) } },
  // The web app runs in the browser (apps/web, ADR 0080).
  { files: ['apps/web/src/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
