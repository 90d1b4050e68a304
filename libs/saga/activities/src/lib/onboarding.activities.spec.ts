import { ApplicationFailure } from '@temporalio/activity';
import { createOnboardingActivities } from './onboarding.activities';

const PROGRESS = 'http://progress.test';
const RECOMMENDATION = 'http://recommendation.test';

function activitiesAnswering(answer: () => Promise<Response>) {
  const fetch = jest.fn((_url: string | URL | Request, _init?: RequestInit) => answer());
  const tokens = { forAudience: jest.fn(async (audience: string) => `token-for-${audience}`) };
  const activities = createOnboardingActivities({
    progress: { baseUrl: `${PROGRESS}/`, tokens },
    recommendation: { baseUrl: RECOMMENDATION, tokens },
    fetch: fetch as unknown as typeof globalThis.fetch,
    timeoutMs: 1_000,
  });
  return { activities, fetch };
}

const json = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const failureOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApplicationFailure);
  const { type, nonRetryable } = error as ApplicationFailure;
  return { type, nonRetryable };
};

describe('onboarding activities', () => {
  it('when enrolling, then it POSTs to progress with the progress audience and the idempotency key, and returns created', async () => {
    const { activities, fetch } = activitiesAnswering(json(201, { created: true, roadmapId: 'backend', version: 3 }));
    await expect(activities.enroll({ learnerId: 'l-1', roadmapId: 'backend', idempotencyKey: 'onboarding:l-1:enroll' })).resolves.toEqual({ created: true, roadmapId: 'backend', version: 3 });
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe(`${PROGRESS}/internal/learners/l-1/enrollments`);
    expect(init).toMatchObject({ method: 'POST', body: '{"roadmapId":"backend"}', headers: { authorization: 'Bearer token-for-pathwise:progress', 'idempotency-key': 'onboarding:l-1:enroll' } });
  });

  it.each([
    ['404', 'OnboardingNotFound', true, json(404, { code: 'PROGRESS.ROADMAP_NOT_FOUND' })],
    ['422', 'OnboardingRejected', true, json(422, { code: 'PROGRESS.VALIDATION' })],
    ['503', 'OnboardingServiceUnavailable', false, json(503, {})],
    ['409 (same key in flight)', 'OnboardingServiceUnavailable', false, json(409, {})],
    ['a timeout', 'OnboardingServiceUnavailable', false, async () => Promise.reject(new DOMException('timed out', 'TimeoutError'))],
    ['a 201 without created', 'OnboardingRejected', true, json(201, { roadmapId: 'backend' })],
  ])('when enroll gets %s, then it fails with %s (non-retryable: %s)', async (_case, type, nonRetryable, answer) => {
    const { activities } = activitiesAnswering(answer);
    expect(await failureOf(activities.enroll({ learnerId: 'l-1', roadmapId: 'backend', idempotencyKey: 'k' }))).toEqual({ type, nonRetryable });
  });

  it.each([204, 404])('when an undo gets %i, then it counts as done', async (status) => {
    const { activities } = activitiesAnswering(async () => new Response(null, { status }));
    await expect(activities.unenroll({ learnerId: 'l-1', roadmapId: 'backend', idempotencyKey: 'k' })).resolves.toBeUndefined();
    await expect(activities.deleteProfile({ learnerId: 'l-1', idempotencyKey: 'k' })).resolves.toBeUndefined();
    await expect(activities.deleteResumeAnalysis({ uploadId: 'u-1', idempotencyKey: 'k' })).resolves.toBeUndefined();
  });

  it('when recommendation has not seen the enrollment (404 NOT_ENROLLED), then the read fails retryably; another 404 is a business no', async () => {
    expect(await failureOf(activitiesAnswering(json(404, { code: 'RECOMMENDATION.NOT_ENROLLED' })).activities.firstRecommendations({ learnerId: 'l-1', roadmapId: 'backend' }))).toEqual({
      type: 'RecommendationsNotReady',
      nonRetryable: false,
    });
    expect(await failureOf(activitiesAnswering(json(404, { code: 'RECOMMENDATION.NOT_FOUND' })).activities.firstRecommendations({ learnerId: 'l-1', roadmapId: 'backend' }))).toEqual({
      type: 'OnboardingNotFound',
      nonRetryable: true,
    });
  });

  it('when recommendations answer, then the roadmap entry is returned and the query carries roadmapId and limit', async () => {
    const { activities, fetch } = activitiesAnswering(json(200, { roadmaps: [{ roadmapId: 'backend', next: [{ skillId: 'sql', rank: 1, explanation: 'x', extra: true }] }] }));
    await expect(activities.firstRecommendations({ learnerId: 'l-1', roadmapId: 'backend' })).resolves.toEqual([{ skillId: 'sql', rank: 1, explanation: 'x' }]);
    expect(fetch.mock.calls[0]?.[0]).toBe(`${RECOMMENDATION}/internal/learners/l-1/recommendations/next?roadmapId=backend&limit=5`);
  });

  it('when the resume is still being analysed, then reading its findings fails retryably', async () => {
    const { activities } = activitiesAnswering(json(200, { status: 'analyzing', skills: [] }));
    expect(await failureOf(activities.getResumeFindings({ learnerId: 'l-1', uploadId: 'u-1' }))).toEqual({ type: 'ResumeAnalysisPending', nonRetryable: false });
  });
});
