/**
 * Who may call each route of the gateway (reliability cases 24 and 27, docs/reliability.md). A test enumerates the routes of
 * the OpenAPI document and fails when one is missing here, then calls every route as anonymous,
 * learner, editor and admin and checks the answer matches the row.
 *
 * - public: anyone, no token.
 * - authenticated: any valid access token; the data returned is the caller's own.
 * - editor / admin: that role (admins are not implicitly editors: roles are granted explicitly).
 */
export type Access = 'public' | 'authenticated' | 'editor' | 'admin';

export const AUTHORIZATION_MATRIX: Readonly<Record<string, Access>> = {
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
  'GET /metrics': 'public',
  'GET /.well-known/jwks.json': 'public',

  'POST /v1/auth/sign-up': 'public',
  'POST /v1/auth/login': 'public',
  'POST /v1/auth/refresh': 'public',
  'POST /v1/auth/logout': 'authenticated',
  'GET /v1/me': 'authenticated',
  'PUT /v1/admin/users/{userId}/roles': 'admin',

  'GET /v1/roadmaps': 'public',
  'GET /v1/roadmaps/{slug}': 'public',
  'GET /v1/roadmaps/{slug}/versions/{version}': 'public',
  'GET /v1/skills/{skillId}': 'public',
  'GET /v1/search': 'public',

  'POST /v1/roadmaps': 'editor',
  'GET /v1/roadmaps/{slug}/draft': 'editor',
  'PATCH /v1/roadmaps/{slug}/draft': 'editor',
  'POST /v1/roadmaps/{slug}/draft/stages': 'editor',
  'PATCH /v1/roadmaps/{slug}/draft/stages/{stageId}': 'editor',
  'DELETE /v1/roadmaps/{slug}/draft/stages/{stageId}': 'editor',
  'PUT /v1/roadmaps/{slug}/draft/stage-order': 'editor',
  'POST /v1/roadmaps/{slug}/draft/stages/{stageId}/skills': 'editor',
  'PUT /v1/roadmaps/{slug}/draft/stages/{stageId}/skill-order': 'editor',
  'DELETE /v1/roadmaps/{slug}/draft/skills/{skillId}': 'editor',
  'PUT /v1/roadmaps/{slug}/draft/skills/{skillId}/prerequisites': 'editor',
  'POST /v1/roadmaps/{slug}/draft/skills/{skillId}/resources': 'editor',
  'DELETE /v1/roadmaps/{slug}/draft/skills/{skillId}/resources': 'editor',
  'POST /v1/roadmaps/{slug}/publish': 'editor',
  'POST /v1/roadmaps/{slug}/retire': 'editor',
  'POST /v1/skills': 'editor',
  'PATCH /v1/skills/{skillId}': 'editor',

  'POST /v1/enrollments': 'authenticated',
  'GET /v1/enrollments': 'authenticated',
  'GET /v1/enrollments/{roadmapId}': 'authenticated',
  'DELETE /v1/enrollments/{roadmapId}': 'authenticated',
  'PUT /v1/enrollments/{roadmapId}/skills/{skillId}': 'authenticated',
  'GET /v1/timeline': 'authenticated',
  'GET /v1/dashboard': 'authenticated',
  'GET /v1/export': 'authenticated',
  'GET /v1/recommendations': 'authenticated',
  'GET /v1/recommendations/next': 'authenticated',
  'GET /v1/recommendations/path': 'authenticated',
  'POST /v1/resumes': 'authenticated',
  'POST /v1/onboarding': 'authenticated',
  'GET /v1/onboarding': 'authenticated',
  'POST /v1/onboarding/confirmation': 'authenticated',
  'POST /v1/onboarding/cancel': 'authenticated',
  'GET /v1/resumes/{resumeId}': 'authenticated',
  'DELETE /v1/resumes/{resumeId}': 'authenticated',
  'GET /v1/resumes/{resumeId}/roadmaps/{roadmapId}': 'authenticated',
  'GET /v1/learner-dashboard': 'authenticated',
};
