// What the saga-worker's integration specs share: a Temporal runtime whose logs go to a file, and
// recording the histories the replay spec checks (libs/saga/workflows).
import { repoRoot } from '@pathwise/platform/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const HISTORIES = path.join(repoRoot, 'libs/saga/workflows/src/lib/histories');

/**
 * Installs the process's Temporal runtime with warnings written to .data/test-logs/<name>.log:
 * activity failures are expected in these specs and do not belong in the test output.
 */
export function installTestRuntime(name: string): void {
  const logFile = path.join(repoRoot, '.data/test-logs', `${name}.log`);
  mkdirSync(path.dirname(logFile), { recursive: true });
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry: LogEntry) => appendFileSync(logFile, `${new Date().toISOString()} ${entry.level} ${entry.message} ${JSON.stringify(entry.meta ?? {})}\n`)),
    // Core (native) logs go to the console unless forwarded to this logger.
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
  });
}

/** With RECORD_HISTORIES=1, rewrites the committed history `<name>.json` from the run behind `handle`. */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (process.env['RECORD_HISTORIES'] !== '1') return;
  writeFileSync(path.join(HISTORIES, `${name}.json`), `${historyToJSON(await handle.fetchHistory())}\n`);
}
