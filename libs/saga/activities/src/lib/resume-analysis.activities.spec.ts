import { ApplicationFailure } from '@temporalio/activity';
import { createResumeAnalysisActivities } from './resume-analysis.activities';

const BASE = 'http://recommendation.test';

function activitiesAnswering(answer: () => Promise<Response>) {
  const fetch = jest.fn((_url: string | URL | Request, _init?: RequestInit) => answer());
  const tokens = { forAudience: jest.fn(async (audience: string) => `token-for-${audience}`) };
  const activities = createResumeAnalysisActivities({ recommendation: { baseUrl: `${BASE}/`, tokens }, fetch: fetch as unknown as typeof globalThis.fetch, timeoutMs: 1_000 });
  return { activities, fetch, tokens };
}

const json = (status: number, body: unknown, type = 'application/json') => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
const failureOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApplicationFailure);
  const { type, nonRetryable } = error as ApplicationFailure;
  return { type, nonRetryable };
};

describe('resume-analysis activities', () => {
  it('when the analysis succeeds, then it POSTs with a service token and the idempotency key and returns the skill count', async () => {
    const { activities, fetch, tokens } = activitiesAnswering(json(200, { uploadId: 'u-1', status: 'analyzed', skills: 4 }));
    await expect(activities.analyzeResume({ uploadId: 'u-1', idempotencyKey: 'resume-analysis:u-1:analyze' })).resolves.toEqual({ skills: 4 });
    expect(tokens.forAudience).toHaveBeenCalledWith('pathwise:recommendation');
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(url).toBe(`${BASE}/internal/resumes/u-1/analysis`);
    expect(init).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer token-for-pathwise:recommendation', 'idempotency-key': 'resume-analysis:u-1:analyze' } });
  });

  it.each([
    ['422 RESUME_UNREADABLE', 'ResumeUnreadable', true, json(422, { code: 'RECOMMENDATION.RESUME_UNREADABLE', detail: 'not a resume' }, 'application/problem+json')],
    ['404', 'ResumeNotFound', true, json(404, { title: 'Not Found' }, 'application/problem+json')],
    ['another 422', 'RecommendationRejected', true, json(422, { code: 'RECOMMENDATION.VALIDATION' }, 'application/problem+json')],
    ['503', 'RecommendationUnavailable', false, json(503, { title: 'Service Unavailable' }, 'application/problem+json')],
    ['a 502 HTML page', 'RecommendationUnavailable', false, async () => new Response('<html>bad gateway</html>', { status: 502 })],
    ['409 (same key in flight)', 'RecommendationUnavailable', false, json(409, {}, 'application/problem+json')],
    ['a timeout', 'RecommendationUnavailable', false, async () => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))],
    ['a 200 without a skill count', 'RecommendationRejected', true, json(200, { status: 'analyzed' })],
  ])('when analyze gets %s, then it fails with %s (non-retryable: %s)', async (_case, type, nonRetryable, answer) => {
    const { activities } = activitiesAnswering(answer);
    expect(await failureOf(activities.analyzeResume({ uploadId: 'u-1', idempotencyKey: 'k' }))).toEqual({ type, nonRetryable });
  });

  it.each([204, 404])('when discard gets %i, then the content counts as discarded', async (status) => {
    const { activities, fetch } = activitiesAnswering(async () => new Response(null, { status }));
    await expect(activities.discardResumeContent({ uploadId: 'u 1' })).resolves.toBeUndefined();
    expect(fetch.mock.calls[0]?.[0]).toBe(`${BASE}/internal/resumes/u%201/content`);
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ method: 'DELETE' });
  });

  it('when discard gets a 500, then it fails retryably', async () => {
    const { activities } = activitiesAnswering(json(500, { title: 'Internal Server Error' }, 'application/problem+json'));
    expect(await failureOf(activities.discardResumeContent({ uploadId: 'u-1' }))).toEqual({ type: 'RecommendationUnavailable', nonRetryable: false });
  });
});
