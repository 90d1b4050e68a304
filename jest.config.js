// Four jest projects: unit specs need no infrastructure; integration, e2e and browser specs run against
// real PostgreSQL, Redis, Kafka and Temporal, brought up by the global setup when not running.
const { swcOptions, jestModuleNameMapper } = require('./tools/swc-options.cjs');

// content-disposition also sits in a nested node_modules under @fastify/static; the ignore pattern
// matches the first `/node_modules/` of a path, so that location is spelled out.
const ESM_ONLY = '(jose|cockatiel|content-disposition|@fastify/static/node_modules/content-disposition)';

const shared = {
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  // Packages that ship ES modules only; SWC turns them into CommonJS like the code under test.
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions()], [`/node_modules/${ESM_ONLY}/.+\\.js$`]: ['@swc/jest', swcOptions()] },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: jestModuleNameMapper(),
  testEnvironment: 'node',
};

const withInfrastructure = {
  ...shared,
  globalSetup: '<rootDir>/libs/platform/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/platform/testing/src/global-teardown.ts',
  setupFiles: ['<rootDir>/libs/platform/testing/src/load-env.ts'],
  setupFilesAfterEnv: ['<rootDir>/libs/platform/testing/src/infrastructure-timeouts.ts'],
  slowTestThreshold: 30,
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...withInfrastructure, displayName: 'integration', testMatch: ['**/*.int-spec.ts'] },
    { ...withInfrastructure, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
    // The web app in Chromium against the whole platform (tools/web/browser-test.sh builds and installs what it needs).
    { ...withInfrastructure, displayName: 'browser', testMatch: ['**/*.browser-spec.ts'] },
  ],
};
