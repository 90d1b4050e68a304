import { ONBOARDING_FAILURES, type LearnerProfile, type OnboardingActivities, type RecommendedSkill, type ResumeFindings } from '@pathwise/contracts';
import { ApplicationFailure } from '@temporalio/activity';
import { type Answer, codeOf, failureOf, serviceClient, type ServiceConfig } from './service-client';

export type OnboardingServiceConfig = ServiceConfig;

export interface OnboardingActivitiesConfig {
  progress: OnboardingServiceConfig;
  recommendation: OnboardingServiceConfig;
  /** The HTTP client; tests may pass their own, production uses the global fetch. */
  fetch?: typeof fetch;
  /** Per request; keep it below the workflow's startToCloseTimeout (1 minute). */
  timeoutMs: number;
}

const NOT_ENROLLED_CODE = 'RECOMMENDATION.NOT_ENROLLED';
const FAILURES = { unavailable: ONBOARDING_FAILURES.unavailable, rejected: ONBOARDING_FAILURES.rejected, notFound: ONBOARDING_FAILURES.notFound };

/**
 * The onboarding saga's activities: HTTP calls to progress and recommendation with the
 * saga-worker's service token. Errors are sorted for Temporal: 404 and other refusals are a
 * business "no" (non-retryable), anything that may pass on a later attempt is retryable.
 */
export function createOnboardingActivities(config: OnboardingActivitiesConfig): OnboardingActivities {
  const call = { fetch: config.fetch, timeoutMs: config.timeoutMs, failures: FAILURES };
  const progress = serviceClient(config.progress, { ...call, defaultAudience: 'pathwise:progress' });
  const recommendation = serviceClient(config.recommendation, { ...call, defaultAudience: 'pathwise:recommendation' });
  const learner = (learnerId: string) => `/internal/learners/${encodeURIComponent(learnerId)}`;

  /** Success (2xx) answers its body; 404 on an undo means already undone. */
  function expect(method: string, path: string, answer: Answer, options: { goneIsDone?: boolean } = {}): unknown {
    if (answer.status >= 200 && answer.status < 300) return answer.body;
    if (options.goneIsDone && answer.status === 404) return undefined;
    throw failureOf(method, path, answer, FAILURES);
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

function malformed(method: string, path: string, what: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${method} ${path} answered without ${what}`, ONBOARDING_FAILURES.rejected);
}
