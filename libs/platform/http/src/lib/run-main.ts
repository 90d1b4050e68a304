/**
 * Runs an app's entry point; a failure at boot (bad config, unreachable database) is printed as
 * one readable message and exits non-zero so the orchestrator sees the crash.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
