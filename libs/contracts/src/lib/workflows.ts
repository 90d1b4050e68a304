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

/**
 * The Temporal header that carries a W3C traceparent (a string payload) from whoever starts a
 * workflow to the workflow, and from it to its activities and child workflows (ADR 0040).
 */
export const WORKFLOW_TRACE_HEADER = 'traceparent';

// --- Onboarding (ADR 0061) ---

export const ONBOARDING_WORKFLOW = 'onboarding';

/** One onboarding per learner at a time. */
export const onboardingWorkflowId = (learnerId: string): string => `onboarding:${learnerId}`;

/**
 * Start options for `onboarding`: a second start while a run is open attaches to it, never a
 * second saga. Once it closed, a start begins a new onboarding: its calls carry keys of their own
 * run (`Idempotency-Key: <workflowId>:<firstExecutionRunId>:<step>`), so it never gets an earlier
 * run's stored answers (ADR 0061).
 */
export const ONBOARDING_START_POLICY = { workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'ALLOW_DUPLICATE' } as const;

/** Used when the input gives no `confirmationTimeout`: after it, nothing is marked known. */
export const ONBOARDING_DEFAULT_CONFIRMATION_TIMEOUT = '7 days';
/** How long a run in `needs-attention` waits for `retryCompensations` before it ends failed. */
export const ONBOARDING_DEFAULT_ATTENTION_TIMEOUT = '30 days';

export interface OnboardingInput {
  learnerId: string;
  roadmapId: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  weeklyHours?: number;
  goalSkillId?: string;
  /** An upload of this learner: its analysis is run (or reused) and its skills offered for confirmation. */
  resumeUploadId?: string;
  /** How long the learner has to answer `confirmSkills` (ms, or a duration like '7 days'). */
  confirmationTimeout?: string | number;
  /** How long `needs-attention` waits for `retryCompensations` before the run fails. */
  attentionTimeout?: string | number;
}

export interface LearnerProfile {
  timeZone: string;
  weeklyHours: number | null;
  goalSkillId: string | null;
}

/** A skill the resume claims (status `claimed` in the analysis), offered to the learner. */
export interface DetectedSkill {
  skillId: string;
  confidence: number;
  /** Short quotes from the resume that show it. */
  evidence: string[];
}

export interface RecommendedSkill {
  skillId: string;
  rank: number;
  explanation?: unknown;
}

/** The forward steps, in order. */
export const ONBOARDING_STEPS = ['profile', 'enroll', 'resume-analysis', 'confirm-skills', 'mark-known', 'recommendations', 'complete'] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];
/** The steps that have a compensation. */
export type OnboardingCompensableStep = 'profile' | 'enroll' | 'resume-analysis' | 'mark-known';

export type OnboardingOutcome = 'completed' | 'failed' | 'cancelled';

export interface OnboardingFailure {
  step: OnboardingStep;
  /** `ApplicationFailure` type (one of `ONBOARDING_FAILURES`), or the Temporal failure's kind (timeout, child failed). */
  type: string;
  message: string;
}

/** A compensation that failed after its retry policy; the run waits for `retryCompensations`. */
export interface OnboardingAttention {
  compensation: OnboardingCompensableStep;
  type: string;
  message: string;
}

/** `handle.query(ONBOARDING_STATUS_QUERY)`. */
export interface OnboardingStatus {
  step: OnboardingStep | 'compensating' | 'needs-attention' | 'done';
  detectedSkills?: DetectedSkill[];
  awaitingConfirmation: boolean;
  outcome?: OnboardingOutcome;
  failure?: OnboardingFailure;
  needsAttention?: OnboardingAttention;
  /** Compensations that have run, in the order they ran. */
  compensated: OnboardingCompensableStep[];
}

export interface OnboardingResult {
  outcome: OnboardingOutcome;
  enrollment?: { roadmapId: string; version: number; created: boolean };
  resume?: { uploadId: string; status: 'analyzed' | 'failed'; reason?: string };
  skills?: {
    /** Marked known (step 5). */
    confirmed: string[];
    rejected: string[];
    /** The learner did not answer in time: nothing was marked known, `suggested` keeps the offer. */
    timedOut: boolean;
    suggested?: DetectedSkill[];
  };
  /** The first recommendations; absent when recommendation could not answer in time (not a failure). */
  recommendations?: RecommendedSkill[];
  failure?: OnboardingFailure;
  compensated?: OnboardingCompensableStep[];
}

export const ONBOARDING_STATUS_QUERY = 'status';
/** Update: `{ confirmed, rejected }`, every detected skill id exactly once; only while awaiting confirmation. */
export const ONBOARDING_CONFIRM_SKILLS_UPDATE = 'confirmSkills';
/** Update: stops the run and undoes what it did; refused once the run is completing or closed. */
export const ONBOARDING_CANCEL_UPDATE = 'cancel';
/** Signal: run the compensations left after `needs-attention` once more. */
export const ONBOARDING_RETRY_COMPENSATIONS_SIGNAL = 'retryCompensations';

export interface ConfirmSkillsInput {
  confirmed: string[];
  rejected: string[];
}
export interface CancelOnboardingResult {
  /** The step the run was at when the cancel was accepted. */
  step: OnboardingStatus['step'];
}

/** `ApplicationFailure` types of the onboarding activities. */
export const ONBOARDING_FAILURES = {
  /** 404 (roadmap, learner, upload): a business "no", never retried. */
  notFound: 'OnboardingNotFound',
  /** 400/422 and other refusals: a business "no", never retried. */
  rejected: 'OnboardingRejected',
  /** 5xx, timeouts, refused connections: retried. */
  unavailable: 'OnboardingServiceUnavailable',
  /** Recommendation has not seen the enrollment yet (404 RECOMMENDATION.NOT_ENROLLED): retried. */
  recommendationsNotReady: 'RecommendationsNotReady',
  /** The resume is still being analysed: retried. */
  analysisPending: 'ResumeAnalysisPending',
} as const;

/** What `GET /internal/resumes/{uploadId}?learnerId=` at recommendation answers (the part the saga reads). */
export interface ResumeFindings {
  status: 'received' | 'analyzing' | 'analyzed' | 'failed';
  skills: { skillId: string; status: 'claimed' | 'aspirational' | 'negated'; confidence: number; evidence: { section?: string; text: string }[] }[];
}

export interface OnboardingActivities {
  /** PUT the profile; answers what it replaced (null: there was none). Idempotent under the key. */
  putProfile(input: { learnerId: string; profile: { timeZone: string; weeklyHours?: number; goalSkillId?: string }; idempotencyKey: string }): Promise<{ previous: LearnerProfile | null }>;
  /** Idempotent: no profile counts as deleted. */
  deleteProfile(input: { learnerId: string; idempotencyKey: string }): Promise<void>;
  /** `created: false` when the learner was enrolled before: that enrollment is never undone. */
  enroll(input: { learnerId: string; roadmapId: string; idempotencyKey: string }): Promise<{ created: boolean; roadmapId: string; version: number }>;
  /** Idempotent: not enrolled counts as unenrolled. */
  unenroll(input: { learnerId: string; roadmapId: string; idempotencyKey: string }): Promise<void>;
  /** Fails with `analysisPending` (retryable) while the analysis runs. */
  getResumeFindings(input: { learnerId: string; uploadId: string }): Promise<ResumeFindings>;
  /** Idempotent: an analysis already gone counts as deleted. */
  deleteResumeAnalysis(input: { uploadId: string; idempotencyKey: string }): Promise<void>;
  markSkillsKnown(input: {
    learnerId: string;
    roadmapId: string;
    skills: { skillId: string; evidenceRef: string }[];
    idempotencyKey: string;
  }): Promise<{ changed: { skillId: string; previousStatus: string }[] }>;
  /** Puts exactly `changed` back; idempotent. */
  revertKnownSkills(input: { learnerId: string; roadmapId: string; changed: { skillId: string; previousStatus: string }[]; idempotencyKey: string }): Promise<void>;
  /** Fails with `recommendationsNotReady` (retryable) while recommendation has not seen the enrollment. */
  firstRecommendations(input: { learnerId: string; roadmapId: string }): Promise<RecommendedSkill[]>;
  /**
   * Progress records the onboarding and publishes `LearnerOnboarded`, once per run: `runId` is the
   * run's first execution run id (absent from runs started before runs were told apart).
   */
  completeOnboarding(input: { learnerId: string; roadmapId: string; workflowId: string; runId?: string; idempotencyKey: string }): Promise<void>;
}
