// jest setupFilesAfterEnv for integration and e2e: real processes start, stop and rebalance in
// seconds, so hooks and tests get a minute unless they ask for more. (`testTimeout` is a global
// jest option and is ignored inside `projects`.)
jest.setTimeout(60_000);
