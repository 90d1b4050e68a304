import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type LogEntry } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { INTERCEPTOR_MODULES } from '../interceptor-modules';

// Histories recorded from real runs (apps/saga-worker/src/resume-analysis.int-spec.ts and
// apps/saga-worker/src/onboarding.int-spec.ts with RECORD_HISTORIES=1). Every one must replay against today's workflow code: a change that
// would break a run in flight fails here, before it is deployed (ADR 0050, versioning rules).
const HISTORIES = path.join(__dirname, 'histories');
const LOG_FILE = path.resolve(__dirname, '../../../../../.data/test-logs/saga-workflows-replay.log');
mkdirSync(path.dirname(LOG_FILE), { recursive: true });
// The broken-on-purpose replay logs its violation; keep it out of the test output.
Runtime.install({
  logger: new DefaultLogger('WARN', (entry: LogEntry) => appendFileSync(LOG_FILE, `${entry.level} ${entry.message}\n`)),
  // Core (native) logs go to the console unless forwarded to this logger.
  telemetryOptions: { logging: { filter: { core: 'WARN', other: 'WARN' }, forward: {} } },
});

const histories = () =>
  readdirSync(HISTORIES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ workflowId: file, history: JSON.parse(readFileSync(path.join(HISTORIES, file), 'utf8')) as unknown }));

async function replay(workflowsPath: string, recorded: { workflowId: string; history: unknown }[]) {
  // With the interceptor modules production bundles (trace context), as the worker runs them.
  const workflowBundle = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: INTERCEPTOR_MODULES, logger: new DefaultLogger('ERROR', () => undefined) });
  const results = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle }, recorded)) results.push(result);
  return results;
}

// One per path of the onboarding saga: completed, each step refused, in doubt, cancelled,
// compensation retried or stuck, confirmation timed out, started twice, analysis reused, onboarded again.
const ONBOARDING_HISTORIES = [
  'onboarding-completed.json',
  ...['profile', 'enroll', 'resume-analysis', 'mark-known', 'complete'].map((step) => `onboarding-failed-at-${step}.json`),
  'onboarding-step-timed-out.json',
  'onboarding-cancelled-in-flight.json',
  'onboarding-cancelled.json',
  'onboarding-compensation-retried.json',
  'onboarding-needs-attention-retried.json',
  'onboarding-needs-attention-gave-up.json',
  'onboarding-confirmation-timed-out.json',
  'onboarding-started-twice.json',
  'onboarding-resume-analysed-before.json',
  // Recorded with run-scoped keys (patch onboarding-run-scoped-keys), the others before it.
  'onboarding-onboarded-again.json',
  // Recorded with it and with recommendations read beside completion (onboarding-recommendations-beside-completion).
  'onboarding-completed-patched.json',
  'onboarding-failed-at-complete-while-reading.json',
];

describe('saga workflows: replay of recorded histories', () => {
  it('when every committed history is replayed against the current bundle, then none breaks determinism', async () => {
    const recorded = histories();
    expect(recorded.map((entry) => entry.workflowId)).toEqual(expect.arrayContaining(['analyzed.json', 'unreadable.json', 'retried-after-503.json', 'started-twice.json', ...ONBOARDING_HISTORIES]));

    const results = await replay(require.resolve('../index'), recorded);

    expect(results.map(({ workflowId, error }) => ({ workflowId, error: error?.message }))).toEqual(recorded.map(({ workflowId }) => ({ workflowId, error: undefined })));
  }, 60_000); // bundling the workflows with webpack takes seconds, more on a busy machine

  it('when the workflow code changes incompatibly, then the replay reports a determinism violation', async () => {
    const [analyzed] = histories().filter((entry) => entry.workflowId === 'analyzed.json');

    const [result] = await replay(require.resolve('./replay-fixtures/resume-analysis-reordered'), [analyzed as { workflowId: string; history: unknown }]);

    expect(result?.error).toBeInstanceOf(DeterminismViolationError);
  }, 60_000);
});
