import type {
  RESUME_ANALYSIS_FAILURES,
  RESUME_ANALYSIS_STATUS_QUERY,
  ResumeAnalysisActivities,
  ResumeAnalysisInput,
  ResumeAnalysisResult,
  ResumeAnalysisStep,
} from '@pathwise/contracts';
import { ActivityFailure, ApplicationFailure, CancellationScope, defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';

// Type-only imports from contracts: the sandbox bundle never loads contracts' runtime (zod,
// node:fs). The literals below are checked against the contract constants at compile time.
const UNREADABLE = 'ResumeUnreadable' satisfies (typeof RESUME_ANALYSIS_FAILURES)['unreadable'];
const UPLOAD_NOT_FOUND = 'ResumeNotFound' satisfies (typeof RESUME_ANALYSIS_FAILURES)['uploadNotFound'];
const BUSINESS_FAILURES: readonly string[] = [UNREADABLE, UPLOAD_NOT_FOUND];

export const resumeAnalysisStatus = defineQuery<ResumeAnalysisStep>('status' satisfies typeof RESUME_ANALYSIS_STATUS_QUERY);

// Analysis is idempotent under its key, so retries are safe; the activity's own HTTP timeout
// (SAGA_RECOMMENDATION_TIMEOUT_MS, at most 50s) stays below startToClose.
const { analyzeResume } = proxyActivities<Pick<ResumeAnalysisActivities, 'analyzeResume'>>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '15 minutes',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: [...BUSINESS_FAILURES] },
});

// Discarding must happen eventually (raw content never outlives the analysis), so it keeps
// retrying for a day: long enough to outlast an outage of the recommendation service.
const { discardResumeContent } = proxyActivities<Pick<ResumeAnalysisActivities, 'discardResumeContent'>>({
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * Analyses one uploaded resume, then discards its raw content whatever the analysis did. A file
 * the service cannot read is a clear end (`status: 'failed'`), not a retry loop.
 */
export async function resumeAnalysis(input: ResumeAnalysisInput): Promise<ResumeAnalysisResult> {
  let step: ResumeAnalysisStep = 'analyzing';
  setHandler(resumeAnalysisStatus, () => step);

  let result: ResumeAnalysisResult;
  try {
    result = await analyze(input.uploadId);
  } finally {
    // Also after a failure that outlived its retries, and not cancellable: a cancelled run
    // must not leave the raw upload behind either.
    step = 'discarding';
    await CancellationScope.nonCancellable(() => discardResumeContent({ uploadId: input.uploadId }));
  }
  step = result.status;
  return result;
}

async function analyze(uploadId: string): Promise<ResumeAnalysisResult> {
  try {
    const { skills } = await analyzeResume({ uploadId, idempotencyKey: `${workflowInfo().workflowId}:analyze` });
    return { status: 'analyzed', skills };
  } catch (error) {
    const reason = businessFailure(error);
    if (reason === undefined) throw error;
    return { status: 'failed', reason };
  }
}

function businessFailure(error: unknown): string | undefined {
  if (!(error instanceof ActivityFailure) || !(error.cause instanceof ApplicationFailure)) return undefined;
  const type = error.cause.type ?? '';
  return BUSINESS_FAILURES.includes(type) ? type : undefined;
}
