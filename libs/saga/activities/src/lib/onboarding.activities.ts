import { ONBOARDING_FAILURES, type LearnerProfile, type OnboardingActivities, type RecommendedSkill, type ResumeFindings } from '@pathwise/contracts';
import type { ServiceTokenSource } from '@pathwise/platform/auth';
import { activeTraceparent } from '@pathwise/platform/observability';
import { ApplicationFailure } from '@temporalio/activity';

export interface OnboardingServiceConfig {
  baseUrl: string;
  /** Mints the saga-worker's own `service` token for the service's audience. */
  tokens: ServiceTokenSource;
  audience?: string;
}

export interface OnboardingActivitiesConfig {
  progress: OnboardingServiceConfig;
  recommendation: OnboardingServiceConfig;
  /** The HTTP client; tests may pass their own, production uses the global fetch. */
  fetch?: typeof fetch;
  /** Per request; keep it below the workflow's startToCloseTimeout (1 minute). */
  timeoutMs: number;
}

const NOT_ENROLLED_CODE = 'RECOMMENDATION.NOT_ENROLLED';
// Statuses that may succeed later: overload, the same key still in flight, an auth setup being fixed.
const RETRYABLE_4XX = new Set([401, 403, 408, 409, 425, 429]);

interface Answer {
  status: number;
  body: unknown;
}

/**
 * The onboarding saga's activities: HTTP calls to progress and recommendation with the
 * saga-worker's service token. Errors are sorted for Temporal: 404 and other refusals are a
 * business "no" (non-retryable), anything that may pass on a later attempt is retryable.
 */
export function createOnboardingActivities(config: OnboardingActivitiesConfig): OnboardingActivities {
  const http = config.fetch ?? fetch;

  function client(service: OnboardingServiceConfig, defaultAudience: string) {
    const baseUrl = service.baseUrl.replace(/\/+$/, '');
    const audience = service.audience ?? defaultAudience;
    return async function call(method: string, path: string, options: { body?: unknown; idempotencyKey?: string } = {}): Promise<Answer> {
      const token = await service.tokens.forAudience(audience);
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json, application/problem+json' };
      if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      // The activity's span (tracing on): the service's span joins the trace that started the saga.
      const traceparent = activeTraceparent();
      if (traceparent) headers['traceparent'] = traceparent;
      let response: Response;
      let text: string;
      try {
        response = await http(`${baseUrl}${path}`, {
          method,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        // Timeouts and refused connections: the call may have been applied; the retry carries the same key.
        throw ApplicationFailure.retryable(`${method} ${path} failed: ${(error as Error).message}`, ONBOARDING_FAILURES.unavailable);
      }
      return { status: response.status, body: parse(text) };
    };
  }

  const progress = client(config.progress, 'pathwise:progress');
  const recommendation = client(config.recommendation, 'pathwise:recommendation');
  const learner = (learnerId: string) => `/internal/learners/${encodeURIComponent(learnerId)}`;

  /** Success (2xx) answers its body; 404 on an undo means already undone. */
  function expect(method: string, path: string, answer: Answer, options: { goneIsDone?: boolean } = {}): unknown {
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    if (options.goneIsDone && answer.status === 404) return undefined;
    throw failure(method, path, answer);
  }

  return {
    async putProfile({ learnerId, profile, idempotencyKey }) {
      const path = `${learner(learnerId)}/profile`;
      const body = expect('PUT', path, await progress('PUT', path, { body: profile, idempotencyKey })) as { previous?: LearnerProfile | null };
      if (body?.previous === undefined) throw malformed('PUT', path, 'previous');
      return { previous: body.previous };
    },

    async deleteProfile({ learnerId, idempotencyKey }) {
      const path = `${learner(learnerId)}/profile`;
      expect('DELETE', path, await progress('DELETE', path, { idempotencyKey }), { goneIsDone: true });
    },

    async enroll({ learnerId, roadmapId, idempotencyKey }) {
      const path = `${learner(learnerId)}/enrollments`;
      const body = expect('POST', path, await progress('POST', path, { body: { roadmapId }, idempotencyKey })) as { created?: unknown; roadmapId?: unknown; version?: unknown };
      if (typeof body?.created !== 'boolean' || typeof body.version !== 'number') throw malformed('POST', path, 'created and version');
      return { created: body.created, roadmapId: typeof body.roadmapId === 'string' ? body.roadmapId : roadmapId, version: body.version };
    },

    async unenroll({ learnerId, roadmapId, idempotencyKey }) {
      const path = `${learner(learnerId)}/enrollments/${encodeURIComponent(roadmapId)}`;
      expect('DELETE', path, await progress('DELETE', path, { idempotencyKey }), { goneIsDone: true });
    },

    async getResumeFindings({ learnerId, uploadId }) {
      const path = `/internal/resumes/${encodeURIComponent(uploadId)}?learnerId=${encodeURIComponent(learnerId)}`;
      const body = expect('GET', path, await recommendation('GET', path)) as Partial<ResumeFindings>;
      if (body?.status === 'received' || body?.status === 'analyzing') throw ApplicationFailure.retryable(`resume ${uploadId} is still ${body.status}`, ONBOARDING_FAILURES.analysisPending);
      if ((body?.status !== 'analyzed' && body?.status !== 'failed') || !Array.isArray(body.skills)) throw malformed('GET', path, 'status and skills');
      return { status: body.status, skills: body.skills };
    },

    async deleteResumeAnalysis({ uploadId, idempotencyKey }) {
      const path = `/internal/resumes/${encodeURIComponent(uploadId)}/analysis`;
      expect('DELETE', path, await recommendation('DELETE', path, { idempotencyKey }), { goneIsDone: true });
    },

    async markSkillsKnown({ learnerId, roadmapId, skills, idempotencyKey }) {
      const path = `${learner(learnerId)}/enrollments/${encodeURIComponent(roadmapId)}/known-skills`;
      const body = expect('POST', path, await progress('POST', path, { body: { skills }, idempotencyKey })) as { changed?: unknown };
      if (!Array.isArray(body?.changed)) throw malformed('POST', path, 'changed');
      return { changed: body.changed as { skillId: string; previousStatus: string }[] };
    },

    async revertKnownSkills({ learnerId, roadmapId, changed, idempotencyKey }) {
      const path = `${learner(learnerId)}/enrollments/${encodeURIComponent(roadmapId)}/known-skills/revert`;
      expect('POST', path, await progress('POST', path, { body: { changed }, idempotencyKey }), { goneIsDone: true });
    },

    async firstRecommendations({ learnerId, roadmapId }) {
      const path = `${learner(learnerId)}/recommendations/next?roadmapId=${encodeURIComponent(roadmapId)}&limit=5`;
      const answer = await recommendation('GET', path);
      // Recommendation's read model follows progress's events: not enrolled yet is "not yet", not "no".
      if (answer.status === 404 && codeOf(answer) === NOT_ENROLLED_CODE) {
        throw ApplicationFailure.retryable(`recommendation has not seen the enrollment in ${roadmapId} yet`, ONBOARDING_FAILURES.recommendationsNotReady);
      }
      const body = expect('GET', path, answer) as { roadmaps?: { roadmapId: string; next?: RecommendedSkill[] }[] };
      if (!Array.isArray(body?.roadmaps)) throw malformed('GET', path, 'roadmaps');
      const next = body.roadmaps.find((entry) => entry.roadmapId === roadmapId)?.next ?? [];
      return next.map(({ skillId, rank, explanation }) => ({ skillId, rank, ...(explanation === undefined ? {} : { explanation }) }));
    },

    async completeOnboarding({ learnerId, roadmapId, workflowId, runId, idempotencyKey }) {
      const path = `${learner(learnerId)}/onboarding/complete`;
      expect('POST', path, await progress('POST', path, { body: { roadmapId, workflowId, ...(runId === undefined ? {} : { runId }) }, idempotencyKey }));
    },
  };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A proxy's HTML error page: keep a little of it for the failure message.
    return { detail: text.slice(0, 200) };
  }
}

function codeOf(answer: Answer): string | undefined {
  const code = (answer.body as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function failure(method: string, path: string, answer: Answer): ApplicationFailure {
  const problem = (answer.body ?? {}) as { code?: string; detail?: string };
  const message = `${method} ${path} answered ${answer.status}${problem.code ? ` ${problem.code}` : ''}${problem.detail ? `: ${problem.detail}` : ''}`;
  if (answer.status >= 500 || RETRYABLE_4XX.has(answer.status)) return ApplicationFailure.retryable(message, ONBOARDING_FAILURES.unavailable);
  if (answer.status === 404) return ApplicationFailure.nonRetryable(message, ONBOARDING_FAILURES.notFound);
  return ApplicationFailure.nonRetryable(message, ONBOARDING_FAILURES.rejected);
}

function malformed(method: string, path: string, what: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${method} ${path} answered without ${what}`, ONBOARDING_FAILURES.rejected);
}
