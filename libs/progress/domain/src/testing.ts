// Test builders for the progress domain; not part of the production API (see index.ts).
import { Enrollment, type EnrollParams } from './lib/enrollment';
import { RoadmapStructure } from './lib/roadmap-structure';

export const LEARNER_ID = '0b6f4a7e-3c1d-4d2a-9a51-1f2e3d4c5b6a';
export const ENROLLED_AT = new Date('2025-03-01T09:00:00.000Z');

/** A structure from `{ stageId: [skillIds in order] }`; stage ids must not look like integers (object key order). */
export function roadmapStructure(
  stages: Readonly<Record<string, readonly string[]>> = { foundations: ['html', 'css'], scripting: ['javascript', 'dom', 'fetch'] },
): RoadmapStructure {
  return RoadmapStructure.of({ stages: Object.entries(stages).map(([stageId, skillIds]) => ({ stageId, skillIds })) });
}

/** A committed enrollment (no pending events) in `roadmapStructure()` unless told otherwise. */
export function enrolledEnrollment(overrides: Partial<EnrollParams> = {}, now: Date = ENROLLED_AT): Enrollment {
  const enrollment = Enrollment.fromEvents([]);
  enrollment.enroll(
    { learnerId: LEARNER_ID, roadmapId: 'frontend', roadmapVersion: 1, structure: roadmapStructure(), ...overrides },
    now,
  );
  enrollment.markCommitted();
  return enrollment;
}

/** `minutes` after `from`, for readable, strictly increasing command times. */
export function minutesAfter(minutes: number, from: Date = ENROLLED_AT): Date {
  return new Date(from.getTime() + minutes * 60_000);
}

/** The error a synchronous call throws, so a test can assert its `code`, `kind` and `details`. */
export function errorThrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it returned');
}

/** mulberry32: a tiny deterministic generator, so a failing seed replays the same sequence every time. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
