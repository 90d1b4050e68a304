import { DomainError } from '@pathwise/shared/domain';
import { ENROLLED_AT, LEARNER_ID, errorThrownBy, seededRandom } from '../testing';
import { Enrollment, type EnrollmentSnapshot } from './enrollment';
import type { EnrollmentEvent, KnownSource } from './enrollment.events';
import { summarizeEnrollment, type ProgressCounts } from './enrollment-summary';
import { RoadmapStructure } from './roadmap-structure';

const UNIVERSE = Array.from({ length: 12 }, (_, i) => `skill-${i}`);
const SOURCES: readonly KnownSource[] = ['resume-analysis', 'learner-claim'];
const EVIDENCE = [undefined, 'analysis-1#0', 'analysis-2#5'];
const STEPS = 2_500;

function sum(counts: ProgressCounts): number {
  return counts.done + counts.known + counts.skipped + counts.inProgress + counts.pending;
}

describe('Enrollment under random commands', () => {
  it.each([1, 7, 42, 2025])('when seed %i drives thousands of commands, then replaying the recorded events reproduces the same state and summary', (seed) => {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    let clock = ENROLLED_AT.getTime();
    const tick = () => new Date((clock += 1 + Math.floor(random() * 3_600_000)));
    const randomStructure = () => {
      const skillIds = UNIVERSE.filter(() => random() < 0.5);
      if (skillIds.length === 0) skillIds.push(pick(UNIVERSE));
      const cut = Math.floor(random() * skillIds.length);
      return RoadmapStructure.of({ stages: [{ stageId: 'first', skillIds: skillIds.slice(0, cut) }, { stageId: 'second', skillIds: skillIds.slice(cut) }] });
    };
    const commands: ReadonlyArray<(enrollment: Enrollment, skillId: string, now: Date) => void> = [
      (enrollment, skillId, now) => enrollment.startSkill(skillId, now),
      (enrollment, skillId, now) => enrollment.completeSkill(skillId, now),
      (enrollment, skillId, now) => enrollment.completeSkill(skillId, now),
      (enrollment, skillId, now) => enrollment.skipSkill(skillId, now),
      (enrollment, skillId, now) => enrollment.markSkillKnown(skillId, { source: pick(SOURCES), evidenceRef: pick(EVIDENCE) }, now),
      (enrollment, skillId, now) => enrollment.resetSkill(skillId, now),
    ];

    const stored: EnrollmentEvent[] = [];
    const snapshots: EnrollmentSnapshot[] = [];
    let roadmapVersion = 1;
    let rejected = 0;
    const enrollment = Enrollment.fromEvents([]);
    enrollment.enroll({ learnerId: LEARNER_ID, roadmapId: 'backend', roadmapVersion, structure: randomStructure() }, tick());

    for (let step = 0; step < STEPS; step += 1) {
      const before = { version: enrollment.version, state: enrollment.state };
      try {
        if (random() < 0.02) {
          roadmapVersion += random() < 0.8 ? 1 : 0;
          enrollment.adoptRoadmapVersion(roadmapVersion, randomStructure(), tick());
        } else {
          // Mostly skills of the current version; now and then an archived or never-listed one.
          const current = RoadmapStructure.of(enrollment.state.structure).skillIds;
          pick(commands)(enrollment, random() < 0.9 ? pick(current) : pick(UNIVERSE), tick());
        }
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        expect(['PROGRESS.SKILL_NOT_IN_ROADMAP', 'PROGRESS.SKILL_TRANSITION_NOT_ALLOWED']).toContain((error as DomainError).code);
        expect(enrollment.version).toBe(before.version);
        expect(enrollment.state).toStrictEqual(before.state);
        rejected += 1;
      }

      const state = enrollment.state;
      const summary = summarizeEnrollment(state);
      expect(sum(summary.overall)).toBe(summary.overall.total);
      expect(summary.overall.total).toBe(summary.stages.reduce((total, stage) => total + sum(stage), 0));
      if (summary.overall.done === summary.overall.total) expect(state.completedAt).not.toBeNull();

      if (random() < 0.3) {
        stored.push(...enrollment.pendingEvents);
        enrollment.markCommitted();
        if (random() < 0.05) snapshots.push(JSON.parse(JSON.stringify(enrollment.toSnapshot())));
      }
    }
    enrollment.unenroll(tick());
    expect(errorThrownBy(() => enrollment.completeSkill(pick(UNIVERSE), tick()))).toMatchObject({ code: 'PROGRESS.ENROLLMENT_CLOSED' });
    stored.push(...enrollment.pendingEvents);
    enrollment.markCommitted();

    const replayed = Enrollment.fromEvents(JSON.parse(JSON.stringify(stored)));
    expect(replayed.state).toStrictEqual(enrollment.state);
    expect(summarizeEnrollment(replayed.state)).toStrictEqual(summarizeEnrollment(enrollment.state));
    expect(replayed.version).toBe(enrollment.version);
    expect(stored.map((event) => event.version)).toEqual(stored.map((_, i) => i + 1));
    for (const snapshot of snapshots) {
      expect(Enrollment.fromSnapshot(snapshot, stored.slice(snapshot.version)).state).toStrictEqual(enrollment.state);
    }

    const completions = stored.filter((event) => event.type === 'RoadmapCompleted').length;
    expect(completions).toBe(enrollment.state.completedAt === null ? 0 : 1);
    expect(stored.length).toBeGreaterThan(STEPS / 4);
    expect(rejected).toBeGreaterThan(0);
    expect(snapshots.length).toBeGreaterThan(0);
  });
});
