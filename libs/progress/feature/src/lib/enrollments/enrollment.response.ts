import { summarizeEnrollment, type Enrollment, type EnrollmentState, type EnrollmentSummary } from '@pathwise/progress/domain';
import { z } from 'zod';

const status = z.enum(['pending', 'in-progress', 'completed', 'skipped', 'known']);
const counts = {
  done: z.number().int().describe('Completed skills; known and skipped never count as done'),
  known: z.number().int(),
  skipped: z.number().int(),
  inProgress: z.number().int(),
  pending: z.number().int(),
  total: z.number().int().describe('Skills of the current roadmap version; archived skills are not counted'),
};
const skill = z.object({ skillId: z.string(), status });

export const enrollmentResponse = z.object({
  enrollmentId: z.string(),
  roadmapId: z.string(),
  roadmapVersion: z.number().int(),
  version: z.number().int().describe('Stream version; send it back as `expectedVersion` to change a skill'),
  enrolledAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  unenrolledAt: z.iso.datetime().nullable(),
  progress: z.object({
    overall: z.object(counts),
    stages: z.array(z.object({ stageId: z.string(), ...counts, skills: z.array(skill) })),
    archivedSkills: z.array(skill),
  }),
});

export type EnrollmentResponse = z.infer<typeof enrollmentResponse>;

/** The query side's answer: an enrollment from the read model, with the roadmap title and last activity. */
export const enrollmentSummaryResponse = enrollmentResponse.extend({ roadmapTitle: z.string().nullable(), lastActivityAt: z.iso.datetime() });

export type EnrollmentSummaryResponse = z.infer<typeof enrollmentSummaryResponse>;

export interface EnrollmentView {
  readonly enrollmentId: string;
  readonly version: number;
  readonly state: EnrollmentState;
  readonly summary: EnrollmentSummary;
}

/** The command side's answer: computed from the aggregate just saved, so it never lags. */
export function enrollmentResponseOf(enrollment: Enrollment): EnrollmentResponse {
  // `state` is a fresh deep copy on every read: take it once.
  const state = enrollment.state;
  return toEnrollmentResponse({ enrollmentId: enrollment.id, version: enrollment.version, state, summary: summarizeEnrollment(state) });
}

export function toEnrollmentResponse({ enrollmentId, version, state, summary }: EnrollmentView): EnrollmentResponse {
  return {
    enrollmentId,
    roadmapId: state.roadmapId,
    roadmapVersion: state.roadmapVersion,
    version,
    enrolledAt: state.enrolledAt,
    completedAt: state.completedAt,
    unenrolledAt: state.unenrolledAt,
    progress: { overall: summary.overall, stages: summary.stages.map((stage) => ({ ...stage, skills: [...stage.skills] })), archivedSkills: [...summary.archivedSkills] },
  };
}

export function toEnrollmentSummaryResponse(view: EnrollmentView & { readonly roadmapTitle: string | null; readonly lastActivityAt: string }): EnrollmentSummaryResponse {
  return { ...toEnrollmentResponse(view), roadmapTitle: view.roadmapTitle, lastActivityAt: view.lastActivityAt };
}
