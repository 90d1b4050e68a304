import { RESUME_ANALYSIS_FAILURES, type ResumeAnalysisActivities } from '@pathwise/contracts';
import { ApplicationFailure } from '@temporalio/activity';
import { codeOf, failureOf, serviceClient, type ServiceConfig } from './service-client';

export interface ResumeAnalysisActivitiesConfig {
  recommendation: ServiceConfig;
  /** The HTTP client; tests may pass their own, production uses the global fetch. */
  fetch?: typeof fetch;
  /** Per request; keep it below the workflow's startToCloseTimeout. */
  timeoutMs: number;
}

/** The problem code the recommendation service answers for a file it cannot read (422). */
const RESUME_UNREADABLE_CODE = 'RECOMMENDATION.RESUME_UNREADABLE';

const FAILURES = { unavailable: 'RecommendationUnavailable', rejected: 'RecommendationRejected' };

/**
 * The activities of `resumeAnalysis`: plain HTTP calls to the recommendation service with a
 * verified service token. Errors are sorted for Temporal: a business "no" is non-retryable,
 * anything that may pass on a later attempt is retryable.
 */
export function createResumeAnalysisActivities(config: ResumeAnalysisActivitiesConfig): ResumeAnalysisActivities {
  const recommendation = serviceClient(config.recommendation, { defaultAudience: 'pathwise:recommendation', fetch: config.fetch, timeoutMs: config.timeoutMs, failures: FAILURES });

  return {
    async analyzeResume({ uploadId, idempotencyKey }) {
      const path = `/internal/resumes/${encodeURIComponent(uploadId)}/analysis`;
      const answer = await recommendation('POST', path, { idempotencyKey });
      if (answer.status >= 200 && answer.status < 300) {
        const skills = (answer.body as { skills?: unknown } | undefined)?.skills;
        if (typeof skills !== 'number') throw ApplicationFailure.nonRetryable(`POST ${path} answered without a skill count`, FAILURES.rejected);
        return { skills };
      }
      if (answer.status === 422 && codeOf(answer) === RESUME_UNREADABLE_CODE) {
        const detail = (answer.body as { detail?: unknown }).detail;
        throw ApplicationFailure.nonRetryable(typeof detail === 'string' ? detail : 'the resume cannot be read', RESUME_ANALYSIS_FAILURES.unreadable);
      }
      if (answer.status === 404) throw ApplicationFailure.nonRetryable(`upload ${uploadId} does not exist`, RESUME_ANALYSIS_FAILURES.uploadNotFound);
      throw failureOf('POST', path, answer, FAILURES);
    },

    async discardResumeContent({ uploadId }) {
      const path = `/internal/resumes/${encodeURIComponent(uploadId)}/content`;
      const answer = await recommendation('DELETE', path);
      // Already gone is discarded too: the step is idempotent.
      if ((answer.status >= 200 && answer.status < 300) || answer.status === 404) return;
      throw failureOf('DELETE', path, answer, FAILURES);
    },
  };
}
