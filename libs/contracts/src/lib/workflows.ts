/**
 * Names shared by whoever starts a workflow (the gateway), the workflow code (saga/workflows) and
 * its activities (saga/activities). Plain TypeScript: no Temporal import, so any scope may use it.
 */

/** The task queue the saga-worker polls unless `SAGA_TASK_QUEUE` says otherwise. */
export const DEFAULT_SAGA_TASK_QUEUE = 'pathwise-saga';

export const RESUME_ANALYSIS_WORKFLOW = 'resumeAnalysis';

/** One workflow per upload: a second start with the same id attaches to the first run. */
export const resumeAnalysisWorkflowId = (uploadId: string): string => `resume-analysis:${uploadId}`;

/**
 * Start options for `resumeAnalysis` (spread into `client.workflow.start`): a second start of a
 * running upload returns the running run; once it has closed, a start fails with
 * `WorkflowExecutionAlreadyStartedError` instead of analysing again (read it with `getHandle(id)`).
 */
export const RESUME_ANALYSIS_START_POLICY = { workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'REJECT_DUPLICATE' } as const;

export interface ResumeAnalysisInput {
  uploadId: string;
  learnerId: string;
}

export interface ResumeAnalysisResult {
  status: 'analyzed' | 'failed';
  /** How many skills the analysis found (when analyzed). */
  skills?: number;
  /** Why it ended without an analysis: one of `RESUME_ANALYSIS_FAILURES` (when failed). */
  reason?: string;
}

/** `handle.query(RESUME_ANALYSIS_STATUS_QUERY)` answers the step the run is at. */
export const RESUME_ANALYSIS_STATUS_QUERY = 'status';
export type ResumeAnalysisStep = 'analyzing' | 'discarding' | 'analyzed' | 'failed';

/** `ApplicationFailure` types for a business "no": never retried, the run ends with `status: 'failed'`. */
export const RESUME_ANALYSIS_FAILURES = {
  unreadable: 'ResumeUnreadable',
  uploadNotFound: 'ResumeNotFound',
} as const;

/** The activities the workflow schedules; saga/activities implements them, the worker registers them. */
export interface ResumeAnalysisActivities {
  /** Idempotent under `idempotencyKey`: a retry returns the first analysis. */
  analyzeResume(input: { uploadId: string; idempotencyKey: string }): Promise<{ skills: number }>;
  /** Idempotent: an upload already gone counts as discarded. */
  discardResumeContent(input: { uploadId: string }): Promise<void>;
}
