// Types the screens use, taken from the generated documents (gateway.d.ts, progress.d.ts).
import type { components, paths } from './gateway';
import type { paths as progressPaths } from './progress';

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

export type Problem = components['schemas']['Problem'];
export type Session = Json<paths['/v1/auth/login']['post']['responses'][200]>;
export type Account = Json<paths['/v1/me']['get']['responses'][200]>;
export type NextSkills = Json<paths['/v1/recommendations/next']['get']['responses'][200]>;
export type GoalPath = Json<paths['/v1/recommendations/path']['get']['responses'][200]>;
export type Onboarding = Json<paths['/v1/onboarding']['get']['responses'][200]>;
export type Resume = Json<paths['/v1/resumes/{resumeId}']['get']['responses'][200]>;
/** An IANA time zone the API accepts; the browser's own zone is one (the gateway refuses any other with a 400). */
export type TimeZone = NonNullable<NonNullable<paths['/v1/dashboard']['get']['parameters']['query']>['timeZone']>;
export type SkillStatus = NonNullable<paths['/v1/enrollments/{roadmapId}/skills/{skillId}']['put']['requestBody']>['content']['application/json']['status'];

// The gateway passes progress's answers through unchanged; progress's document describes them.
export type Enrollment = Json<progressPaths['/enrollments/{roadmapId}']['get']['responses'][200]>;
export type EnrollmentList = Json<progressPaths['/enrollments']['get']['responses'][200]>;
export type Dashboard = Json<progressPaths['/dashboard']['get']['responses'][200]>;
export type Timeline = Json<progressPaths['/timeline']['get']['responses'][200]>;

/*
 * The catalog's read answers are not described by any committed OpenAPI document yet (their 200s
 * have no schema), so these mirror the catalog's RoadmapView and RoadmapSummaryView
 * (libs/catalog/feature/src/lib/roadmaps/roadmap-views.repository.ts). Once the documents carry the
 * schemas, these become generated aliases like the ones above.
 */
export interface Signal {
  level: 'low' | 'medium' | 'high';
  source: string;
  asOf: string;
}
export interface RoadmapSummary {
  id: string;
  slug: string;
  status: string;
  version: number;
  title: string;
  summary: string;
  kind: 'role' | 'skill';
  tags: string[];
  publishedAt: string;
  stageCount: number;
  skillCount: number;
}
export interface RoadmapSkill {
  id: string;
  name: string;
  description: string;
  position: number;
  priority: 'essential' | 'recommended' | 'optional';
  signals: { importance: Signal; marketDemand: Signal; automationRisk: Signal } | null;
  requires: string[];
  resources: { title: string; url: string; type: string; free: boolean }[];
}
export interface Roadmap extends Omit<RoadmapSummary, 'stageCount' | 'skillCount'> {
  latestVersion: number;
  stages: { id: string; position: number; title: string; summary: string; skills: RoadmapSkill[] }[];
  prerequisites: { skillId: string; requiresSkillId: string }[];
}
export interface RoadmapPage {
  items: RoadmapSummary[];
  nextCursor: string | null;
}
/** The catalog's search answer (libs/catalog/feature/src/lib/search/search.controller.ts). */
export interface SearchResults {
  query: string;
  hits: { kind: 'skill' | 'resource'; skillId: string; title: string; url: string | null; type: string | null; free: boolean | null; roadmaps: string[]; rank: number }[];
}
