import type {
  CancelOnboardingResult,
  ConfirmSkillsInput,
  DetectedSkill,
  ONBOARDING_CANCEL_UPDATE,
  ONBOARDING_CONFIRM_SKILLS_UPDATE,
  ONBOARDING_DEFAULT_ATTENTION_TIMEOUT,
  ONBOARDING_DEFAULT_CONFIRMATION_TIMEOUT,
  ONBOARDING_FAILURES,
  ONBOARDING_RETRY_COMPENSATIONS_SIGNAL,
  ONBOARDING_STATUS_QUERY,
  OnboardingActivities,
  OnboardingCompensableStep,
  OnboardingFailure,
  OnboardingInput,
  OnboardingResult,
  OnboardingStatus,
  OnboardingStep,
  RecommendedSkill,
  RESUME_ANALYSIS_WORKFLOW,
} from '@pathwise/contracts';
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  TemporalFailure,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { resumeAnalysis } from './resume-analysis.workflow';

// Type-only imports from contracts (the sandbox never loads its runtime); the literals are
// checked against the contract constants at compile time.
const NOT_FOUND = 'OnboardingNotFound' satisfies (typeof ONBOARDING_FAILURES)['notFound'];
const REJECTED = 'OnboardingRejected' satisfies (typeof ONBOARDING_FAILURES)['rejected'];
const BUSINESS_FAILURES = [NOT_FOUND, REJECTED];
const CONFIRMATION_TIMEOUT = '7 days' satisfies typeof ONBOARDING_DEFAULT_CONFIRMATION_TIMEOUT;
const ATTENTION_TIMEOUT = '30 days' satisfies typeof ONBOARDING_DEFAULT_ATTENTION_TIMEOUT;
type Duration = Parameters<typeof sleep>[0];
const RESUME_ANALYSIS = 'resumeAnalysis' satisfies typeof RESUME_ANALYSIS_WORKFLOW;
// Patches (ADR 0061, versioning): each names one change to the commands of a running workflow.
const RUN_SCOPED_KEYS = 'onboarding-run-scoped-keys';
const RECOMMENDATIONS_BESIDE_COMPLETION = 'onboarding-recommendations-beside-completion';
const PROFILE_BESIDE_ENROLLMENT = 'onboarding-profile-beside-enrollment';

export const onboardingStatus = defineQuery<OnboardingStatus>('status' satisfies typeof ONBOARDING_STATUS_QUERY);
export const confirmSkills = defineUpdate<ConfirmSkillsInput, [ConfirmSkillsInput]>('confirmSkills' satisfies typeof ONBOARDING_CONFIRM_SKILLS_UPDATE);
export const cancelOnboarding = defineUpdate<CancelOnboardingResult>('cancel' satisfies typeof ONBOARDING_CANCEL_UPDATE);
export const retryCompensations = defineSignal('retryCompensations' satisfies typeof ONBOARDING_RETRY_COMPENSATIONS_SIGNAL);

type StepActivities = Pick<OnboardingActivities, 'putProfile' | 'enroll' | 'markSkillsKnown'>;

// Forward writes to progress: idempotent under their key, so a timed-out attempt is retried
// safely; the activity's HTTP timeout (SAGA_PROGRESS_TIMEOUT_MS, at most 50s) stays below startToClose.
const steps = proxyActivities<StepActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: BUSINESS_FAILURES },
});

// The analysis may still be running (started by the upload, not by us): wait for it a while.
const { getResumeFindings } = proxyActivities<Pick<OnboardingActivities, 'getResumeFindings'>>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '15 minutes',
  retry: { initialInterval: '2s', backoffCoefficient: 1.5, maximumInterval: '30s', nonRetryableErrorTypes: BUSINESS_FAILURES },
});

// Recommendation learns about the enrollment from progress's events, usually within a few hundred
// milliseconds: retry its 404 NOT_ENROLLED soon, then less often, for two minutes; after that the
// onboarding completes without first recommendations.
const { firstRecommendations } = proxyActivities<Pick<OnboardingActivities, 'firstRecommendations'>>({
  startToCloseTimeout: '30s',
  scheduleToCloseTimeout: '2 minutes',
  retry: { initialInterval: '200ms', backoffCoefficient: 1.5, maximumInterval: '10s', nonRetryableErrorTypes: BUSINESS_FAILURES },
});

// The pivot: once progress has published LearnerOnboarded there is nothing to undo, so it
// keeps trying through an outage rather than compensating a step that may have happened.
const { completeOnboarding } = proxyActivities<Pick<OnboardingActivities, 'completeOnboarding'>>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '7 days',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: BUSINESS_FAILURES },
});

// Compensations (and re-asking an in-doubt step) retry for an hour; after that a person looks.
const undo = proxyActivities<OnboardingActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '1 hour',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '2 minutes', nonRetryableErrorTypes: BUSINESS_FAILURES },
});

interface Compensation {
  step: OnboardingCompensableStep;
  done: boolean;
  run(): Promise<void>;
}

/**
 * Onboards one learner: profile, enrollment, optional resume analysis whose claimed skills the
 * learner confirms (`confirmSkills` Update, default after the timeout: nothing marked known),
 * known skills, first recommendations, completion. A failed step or a `cancel` undoes the
 * earlier steps in reverse order, each once (ADR 0061).
 */
export async function onboarding(input: OnboardingInput): Promise<OnboardingResult> {
  const { learnerId, roadmapId } = input;
  const { workflowId, firstExecutionRunId } = workflowInfo();
  // Keys name this onboarding, not only the learner: the first run id of the chain stays the same
  // across retries, continue-as-new and a replay on another worker, and differs for a learner who
  // onboards again once this one ended. Runs started before keep their workflow-scoped keys.
  const runId = patched(RUN_SCOPED_KEYS) ? firstExecutionRunId : undefined;
  const scope = runId === undefined ? workflowId : `${workflowId}:${runId}`;
  const key = (name: string) => `${scope}:${name}`;

  const status: OnboardingStatus = { step: 'profile', awaitingConfirmation: false, compensated: [] };
  const result: Omit<OnboardingResult, 'outcome'> = {};
  const compensations: Compensation[] = [];
  const forward = new CancellationScope();
  let decision: ConfirmSkillsInput | undefined;
  let cancelRequested = false;
  let retryRequested = false;

  // A copy: a query must not hand out the live state.
  setHandler(onboardingStatus, () => JSON.parse(JSON.stringify(status)) as OnboardingStatus);
  setHandler(confirmSkills, (answer) => (decision = { confirmed: [...answer.confirmed], rejected: [...answer.rejected] }), {
    validator: (answer) => validateDecision(status, decision, answer),
  });
  setHandler(
    cancelOnboarding,
    () => {
      if (!cancelRequested) {
        cancelRequested = true;
        forward.cancel();
      }
      return { step: status.step };
    },
    {
      validator: () => {
        if (cancelRequested) return;
        if (status.outcome !== undefined) throw ApplicationFailure.nonRetryable(`onboarding already ended ${status.outcome}`, 'OnboardingClosed');
        if (status.step === 'complete') throw ApplicationFailure.nonRetryable('onboarding is completing; it can no longer be cancelled', 'OnboardingClosed');
        if (status.step === 'compensating' || status.step === 'needs-attention') throw ApplicationFailure.nonRetryable('onboarding already failed and is being undone', 'OnboardingClosed');
      },
    },
  );
  setHandler(retryCompensations, () => {
    retryRequested = true;
  });

  /**
   * Runs a step whose effect can be undone, registering the compensation first. When the step's
   * outcome is unknown (timed out, cancelled in flight), the compensation repeats the call under
   * the same idempotency key: progress answers what the first call did, or applies it now;
   * either way there is then a known effect to undo. A business "no" applied nothing.
   */
  async function compensable<T>(step: OnboardingCompensableStep, call: (activities: StepActivities) => Promise<T>, undoIt: (outcome: T) => Promise<void>): Promise<T> {
    let outcome: { value: T } | undefined;
    let rejected = false;
    compensations.push({
      step,
      done: false,
      run: async () => {
        if (rejected) return;
        if (!outcome) {
          try {
            outcome = { value: await call(undo) };
          } catch (error) {
            if (isBusinessNo(error)) return;
            throw error;
          }
        }
        await undoIt(outcome.value);
      },
    });
    try {
      const value = await call(steps);
      outcome = { value };
      return value;
    } catch (error) {
      rejected = isBusinessNo(error);
      throw error;
    }
  }

  async function runSteps(): Promise<void> {
    status.step = 'profile';
    const profile = { timeZone: input.timeZone, weeklyHours: input.weeklyHours, goalSkillId: input.goalSkillId };
    const profileStep = () =>
      compensable(
        'profile',
        (activities) => activities.putProfile({ learnerId, profile, idempotencyKey: key('profile') }),
        async ({ previous }) => {
          if (previous === null) return undo.deleteProfile({ learnerId, idempotencyKey: key('profile:compensate') });
          const restored = { timeZone: previous.timeZone, weeklyHours: previous.weeklyHours ?? undefined, goalSkillId: previous.goalSkillId ?? undefined };
          await undo.putProfile({ learnerId, profile: restored, idempotencyKey: key('profile:compensate') });
        },
      );
    const enrollStep = () =>
      compensable(
        'enroll',
        (activities) => activities.enroll({ learnerId, roadmapId, idempotencyKey: key('enroll') }),
        // An enrollment that existed before this saga is the learner's: never undone. Progress names
        // the roadmap by its id even when the learner chose it by slug.
        async ({ created, roadmapId: enrolled }) => (created ? undo.unenroll({ learnerId, roadmapId: enrolled, idempotencyKey: key('enroll:compensate') }) : undefined),
      );

    let enrollment: Awaited<ReturnType<typeof enrollStep>>;
    if (patched(PROFILE_BESIDE_ENROLLMENT)) {
      // Neither write needs the other: both go out at once, each compensation registered before
      // (the undo still runs enroll's before profile's). Both are awaited before a failure is
      // reported, so the undo starts from what each one did; the first refused names the step.
      const writes = [profileStep(), enrollStep()] as const;
      status.step = 'enroll';
      const [profiled, enrolled] = await Promise.allSettled(writes);
      if (profiled.status === 'rejected') {
        status.step = 'profile';
        throw profiled.reason;
      }
      if (enrolled.status === 'rejected') throw enrolled.reason;
      enrollment = enrolled.value;
    } else {
      await profileStep();
      status.step = 'enroll';
      enrollment = await enrollStep();
    }
    result.enrollment = { roadmapId: enrollment.roadmapId, version: enrollment.version, created: enrollment.created };
    const enrolledRoadmapId = enrollment.roadmapId;

    const uploadId = input.resumeUploadId;
    const detected = uploadId === undefined ? [] : await analyseResume(uploadId);

    if (detected.length > 0) {
      status.step = 'confirm-skills';
      status.detectedSkills = detected;
      status.awaitingConfirmation = true;
      await condition(() => decision !== undefined, (input.confirmationTimeout ?? CONFIRMATION_TIMEOUT) as Duration);
      status.awaitingConfirmation = false;
      // Documented default on timeout: nothing is marked known, the offer stays in the result.
      const timedOut = decision === undefined;
      const confirmed = decision?.confirmed ?? [];
      result.skills = { confirmed: [], rejected: decision?.rejected ?? [], timedOut, ...(timedOut ? { suggested: detected } : {}) };

      if (confirmed.length > 0) {
        status.step = 'mark-known';
        const skills = confirmed.map((skillId) => ({ skillId, evidenceRef: `resume:${uploadId}` }));
        await compensable(
          'mark-known',
          (activities) => activities.markSkillsKnown({ learnerId, roadmapId: enrolledRoadmapId, skills, idempotencyKey: key('mark-known') }),
          async ({ changed }) => (changed.length > 0 ? undo.revertKnownSkills({ learnerId, roadmapId: enrolledRoadmapId, changed, idempotencyKey: key('mark-known:compensate') }) : undefined),
        );
        result.skills.confirmed = confirmed;
      }
    }

    const completion = { learnerId, roadmapId: enrolledRoadmapId, workflowId, ...(runId === undefined ? {} : { runId }), idempotencyKey: key('complete') };
    if (!patched(RECOMMENDATIONS_BESIDE_COMPLETION)) {
      status.step = 'recommendations';
      const first = await notFatal(firstRecommendations({ learnerId, roadmapId: enrolledRoadmapId }));
      if (first !== undefined) result.recommendations = first;
      status.step = 'complete';
      await completeOnboarding(completion);
      return;
    }

    // The first recommendations are a read that completion does not need: they wait for
    // recommendation to see the enrollment while progress completes, instead of before it.
    status.step = 'complete';
    const reading = new CancellationScope();
    const recommendations = notFatal(reading.run(() => firstRecommendations({ learnerId, roadmapId: enrolledRoadmapId })));
    try {
      await completeOnboarding(completion);
    } catch (error) {
      // Nothing to show for a failed onboarding: stop waiting, undo the steps.
      reading.cancel();
      await recommendations;
      throw error;
    }
    const first = await recommendations;
    if (first !== undefined) result.recommendations = first;
  }

  /** First recommendations are not worth failing an onboarding for: the learner sees them on the next visit. */
  async function notFatal(reading: Promise<RecommendedSkill[]>): Promise<RecommendedSkill[] | undefined> {
    try {
      return await reading;
    } catch (error) {
      if (error instanceof ActivityFailure && !isCancellation(error)) return undefined;
      // Cancelled with the completion that failed beside it.
      if (isCancellation(error) && status.step === 'complete') return undefined;
      throw error;
    }
  }

  /** Runs (or reuses) the resume's analysis as a child and returns the skills it claims. */
  async function analyseResume(uploadId: string): Promise<DetectedSkill[]> {
    status.step = 'resume-analysis';
    // Only an analysis this saga ran is deleted: one the learner had before stays theirs.
    let startedHere = false;
    compensations.push({
      step: 'resume-analysis',
      done: false,
      run: async () => (startedHere ? undo.deleteResumeAnalysis({ uploadId, idempotencyKey: key('resume-analysis:compensate') }) : undefined),
    });
    try {
      const child = await startChild<typeof resumeAnalysis>(RESUME_ANALYSIS, {
        // resumeAnalysisWorkflowId() of contracts, spelled out: the sandbox loads no contracts runtime.
        workflowId: `resume-analysis:${uploadId}`,
        args: [{ uploadId, learnerId }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        // Terminating the parent must not cut the analysis short before it discards the raw file.
        parentClosePolicy: 'ABANDON',
      });
      startedHere = true;
      const analysis = await child.result();
      if (analysis.status === 'failed') {
        result.resume = { uploadId, status: 'failed', reason: analysis.reason };
        return [];
      }
    } catch (error) {
      // Analysed (or being analysed) by the upload itself: read its findings below.
      if (!(error instanceof TemporalFailure) || error.name !== 'WorkflowExecutionAlreadyStartedError') throw error;
    }
    const findings = await getResumeFindings({ learnerId, uploadId });
    if (findings.status === 'failed') {
      result.resume = { uploadId, status: 'failed' };
      return [];
    }
    result.resume = { uploadId, status: 'analyzed' };
    return findings.skills
      .filter((skill) => skill.status === 'claimed')
      .map((skill) => ({ skillId: skill.skillId, confidence: skill.confidence, evidence: skill.evidence.slice(0, 3).map((quote) => quote.text) }));
  }

  /** Undoes the registered steps in reverse order, each once; a stuck one waits for a person. */
  async function compensate(): Promise<void> {
    status.step = 'compensating';
    for (;;) {
      const pending = compensations.filter((compensation) => !compensation.done).reverse();
      let current: Compensation | undefined;
      try {
        for (current of pending) {
          await current.run();
          current.done = true;
          status.compensated.push(current.step);
        }
        status.needsAttention = undefined;
        return;
      } catch (error) {
        if (!(error instanceof TemporalFailure) || current === undefined) throw error;
        status.step = 'needs-attention';
        status.needsAttention = { compensation: current.step, ...causeOf(error) };
        retryRequested = false;
        if (!(await condition(() => retryRequested, (input.attentionTimeout ?? ATTENTION_TIMEOUT) as Duration))) {
          // Never a silent success: the run fails, visible as Failed in Temporal.
          throw ApplicationFailure.nonRetryable(`compensation ${current.step} did not succeed: ${status.needsAttention.message}`, 'OnboardingCompensationFailed', {
            failure: status.failure,
            needsAttention: status.needsAttention,
            compensated: status.compensated,
          });
        }
        status.step = 'compensating';
      }
    }
  }

  try {
    await forward.run(runSteps);
    status.step = 'done';
    status.outcome = 'completed';
    return { outcome: 'completed', ...result };
  } catch (error) {
    // Anything but a Temporal failure is a bug in this code: fail the task, keep the run.
    if (!(error instanceof TemporalFailure)) throw error;
    const failedStep = status.step as OnboardingStep;
    const cancelled = cancelRequested || isCancellation(error);
    // A cancel during the wait ends it: no confirmation is accepted while undoing.
    status.awaitingConfirmation = false;
    if (!cancelled) status.failure = { step: failedStep, ...causeOf(error) };
    await CancellationScope.nonCancellable(compensate);
    status.step = 'done';
    status.outcome = cancelled ? 'cancelled' : 'failed';
    return { outcome: status.outcome, ...result, ...(status.failure ? { failure: status.failure } : {}), compensated: [...status.compensated] };
  }
}

function isBusinessNo(error: unknown): boolean {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable === true;
}

function causeOf(error: TemporalFailure): Omit<OnboardingFailure, 'step'> {
  const cause = (error instanceof ActivityFailure || error instanceof ChildWorkflowFailure) && error.cause ? error.cause : error;
  const type = cause instanceof ApplicationFailure ? (cause.type ?? 'Error') : cause.name;
  return { type, message: cause.message };
}

function validateDecision(status: OnboardingStatus, decided: ConfirmSkillsInput | undefined, answer: ConfirmSkillsInput): void {
  if (!status.awaitingConfirmation || decided !== undefined) throw ApplicationFailure.nonRetryable('not waiting for a skill confirmation', 'NotAwaitingConfirmation');
  if (!Array.isArray(answer?.confirmed) || !Array.isArray(answer?.rejected)) throw ApplicationFailure.nonRetryable('confirmed and rejected must be lists of skill ids', 'InvalidSkillDecision');
  const detected = new Set((status.detectedSkills ?? []).map((skill) => skill.skillId));
  const given = [...answer.confirmed, ...answer.rejected];
  const unknown = given.filter((skillId) => !detected.has(skillId));
  if (unknown.length > 0) throw ApplicationFailure.nonRetryable(`not detected in the resume: ${unknown.join(', ')}`, 'InvalidSkillDecision');
  if (new Set(given).size !== given.length) throw ApplicationFailure.nonRetryable('a skill is listed twice', 'InvalidSkillDecision');
  const undecided = [...detected].filter((skillId) => !given.includes(skillId));
  if (undecided.length > 0) throw ApplicationFailure.nonRetryable(`confirm or reject every detected skill; missing: ${undecided.join(', ')}`, 'InvalidSkillDecision');
}
