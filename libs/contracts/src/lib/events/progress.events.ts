import { z } from 'zod';
import { defineEvent } from '../event-contract';

const recommendationProjector = { service: 'recommendation', group: 'recommendation.progress-projector' } as const;

const enrollmentRef = {
  enrollmentId: z.string().min(1),
  learnerId: z.string().min(1),
  roadmapId: z.string().min(1),
};

const skillStatus = z.enum(['pending', 'in-progress', 'completed', 'skipped', 'known']);

export const LearnerEnrolled = defineEvent({
  name: 'LearnerEnrolled',
  major: 1,
  producer: 'progress',
  aggregate: 'enrollment',
  summary: 'A learner enrolled in a roadmap version.',
  consumers: [recommendationProjector],
  schema: z.object({ ...enrollmentRef, roadmapVersion: z.number().int().positive(), enrolledAt: z.iso.datetime() }),
});

export const SkillStatusChanged = defineEvent({
  name: 'SkillStatusChanged',
  major: 1,
  producer: 'progress',
  aggregate: 'enrollment',
  summary: "A skill's status changed in one enrollment (started, completed, skipped, reset or known from a resume).",
  consumers: [recommendationProjector],
  schema: z.object({
    ...enrollmentRef,
    skillId: z.string().min(1),
    status: skillStatus,
    previousStatus: skillStatus,
    source: z.enum(['learner', 'resume-analysis', 'learner-claim']).optional(),
    changedAt: z.iso.datetime(),
  }),
});

export const RoadmapCompleted = defineEvent({
  name: 'RoadmapCompleted',
  major: 1,
  producer: 'progress',
  aggregate: 'enrollment',
  summary: 'Every counted skill of an enrollment is completed.',
  consumers: [recommendationProjector],
  schema: z.object({ ...enrollmentRef, completedAt: z.iso.datetime() }),
});

export const LearnerUnenrolled = defineEvent({
  name: 'LearnerUnenrolled',
  major: 1,
  producer: 'progress',
  aggregate: 'enrollment',
  summary: 'A learner left a roadmap; their history is kept.',
  consumers: [recommendationProjector],
  schema: z.object({ ...enrollmentRef, unenrolledAt: z.iso.datetime() }),
});

export const LearnerOnboarded = defineEvent({
  name: 'LearnerOnboarded',
  major: 1,
  producer: 'progress',
  aggregate: 'learner',
  summary: 'The onboarding saga finished for a learner: profile set, enrolled, resume skills marked known. Keyed by learnerId.',
  schema: z.object({
    learnerId: z.string().min(1),
    roadmapId: z.string().min(1),
    onboardedAt: z.iso.datetime(),
    knownSkills: z.number().int().nonnegative(),
  }),
});
