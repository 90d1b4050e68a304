import { RESUME_ANALYSIS_FAILURES, type ResumeAnalysisActivities } from '@pathwise/contracts';
import type { ServiceTokenSource } from '@pathwise/platform/auth';
import { activeTraceparent } from '@pathwise/platform/observability';
import { ApplicationFailure } from '@temporalio/activity';

export interface ResumeAnalysisActivitiesConfig {
  recommendation: {
    baseUrl: string;
    /** Mints the saga-worker's own `service` token for the recommendation audience. */
    tokens: ServiceTokenSource;
    audience?: string;
  };
  /** The HTTP client; tests may pass their own, production uses the global fetch. */
  fetch?: typeof fetch;
  /** Per request; keep it below the workflow's startToCloseTimeout. */
  timeoutMs: number;
}

/** The problem code the recommendation service answers for a file it cannot read (422). */
const RESUME_UNREADABLE_CODE = 'RECOMMENDATION.RESUME_UNREADABLE';

// Statuses that may succeed later: overload, in-flight duplicates, an auth setup being fixed.
const RETRYABLE_4XX = new Set([401, 403, 408, 409, 425, 429]);

/**
 * The activities of `resumeAnalysis`: plain HTTP calls to the recommendation service with a
 * verified service token. Errors are sorted for Temporal: a business "no" is non-retryable,
 * anything that may pass on a later attempt is retryable.
 */
export function createResumeAnalysisActivities(config: ResumeAnalysisActivitiesConfig): ResumeAnalysisActivities {
  const http = config.fetch ?? fetch;
  const audience = config.recommendation.audience ?? 'pathwise:recommendation';
  const baseUrl = config.recommendation.baseUrl.replace(/\/+$/, '');

  async function call(method: 'POST' | 'DELETE', path: string, headers: Record<string, string> = {}): Promise<Response> {
    const token = await config.recommendation.tokens.forAudience(audience);
    // The activity's span (tracing on): the service's span joins the trace that started the workflow.
    const traceparent = activeTraceparent();
    try {
      return await http(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json, application/problem+json', ...(traceparent ? { traceparent } : {}), ...headers },
        signal: AbortSignal.timeout(config.timeoutMs),
      });
    } catch (error) {
      // Timeouts and refused connections: the service may be back on the next attempt.
      throw ApplicationFailure.retryable(`${method} ${path} failed: ${(error as Error).message}`, 'RecommendationUnavailable');
    }
  }

  return {
    async analyzeResume({ uploadId, idempotencyKey }) {
      const path = `/internal/resumes/${encodeURIComponent(uploadId)}/analysis`;
      const response = await call('POST', path, { 'idempotency-key': idempotencyKey });
      if (response.ok) {
        const body = (await response.json()) as { skills?: unknown };
        if (typeof body.skills !== 'number') throw ApplicationFailure.nonRetryable(`POST ${path} answered without a skill count`, 'RecommendationRejected');
        return { skills: body.skills };
      }
      const problem = await problemOf(response);
      if (response.status === 422 && problem.code === RESUME_UNREADABLE_CODE) {
        throw ApplicationFailure.nonRetryable(problem.detail ?? 'the resume cannot be read', RESUME_ANALYSIS_FAILURES.unreadable);
      }
      if (response.status === 404) throw ApplicationFailure.nonRetryable(`upload ${uploadId} does not exist`, RESUME_ANALYSIS_FAILURES.uploadNotFound);
      throw unexpected('POST', path, response.status, problem);
    },

    async discardResumeContent({ uploadId }) {
      const path = `/internal/resumes/${encodeURIComponent(uploadId)}/content`;
      const response = await call('DELETE', path);
      // Already gone is discarded too: the step is idempotent.
      if (response.ok || response.status === 404) return;
      throw unexpected('DELETE', path, response.status, await problemOf(response));
    },
  };
}

interface Problem {
  code?: string;
  detail?: string;
}

async function problemOf(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Problem;
    return typeof body === 'object' && body !== null ? body : {};
  } catch {
    // A proxy's HTML error page: keep a little of it for the failure message.
    return { detail: text.slice(0, 200) };
  }
}

function unexpected(method: string, path: string, status: number, problem: Problem): ApplicationFailure {
  const message = `${method} ${path} answered ${status}${problem.code ? ` ${problem.code}` : ''}${problem.detail ? `: ${problem.detail}` : ''}`;
  if (status >= 500 || RETRYABLE_4XX.has(status)) return ApplicationFailure.retryable(message, 'RecommendationUnavailable');
  return ApplicationFailure.nonRetryable(message, 'RecommendationRejected');
}
