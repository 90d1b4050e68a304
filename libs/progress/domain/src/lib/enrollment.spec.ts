import { ENROLLED_AT, LEARNER_ID, enrolledEnrollment, errorThrownBy, minutesAfter, roadmapStructure } from '../testing';
import { ENROLLMENT_SNAPSHOT_SCHEMA, Enrollment, enrollmentStreamId } from './enrollment';
import { CorruptEnrollmentStreamError, SkillNotInRoadmapError } from './enrollment.errors';
import type { EnrollmentEvent, SkillStatus } from './enrollment.events';
import { summarizeEnrollment } from './enrollment-summary';

const at = minutesAfter;

/** Commits like the repository would and returns what it appended. */
function commit(enrollment: Enrollment, stream: EnrollmentEvent[]): readonly EnrollmentEvent[] {
  const appended = enrollment.pendingEvents;
  stream.push(...appended);
  enrollment.markCommitted();
  return appended;
}

function types(events: readonly EnrollmentEvent[]): string[] {
  return events.map((event) => event.type);
}

type Command = 'start' | 'complete' | 'skip' | 'known' | 'reset';

function run(enrollment: Enrollment, command: Command, skillId: string, now: Date): void {
  if (command === 'start') enrollment.startSkill(skillId, now);
  if (command === 'complete') enrollment.completeSkill(skillId, now);
  if (command === 'skip') enrollment.skipSkill(skillId, now);
  if (command === 'known') enrollment.markSkillKnown(skillId, { source: 'resume-analysis', evidenceRef: 'analysis-1#3' }, now);
  if (command === 'reset') enrollment.resetSkill(skillId, now);
}

/** A committed enrollment whose `css` skill is in `status`. */
function withCss(status: SkillStatus): Enrollment {
  const enrollment = enrolledEnrollment();
  if (status === 'in-progress') run(enrollment, 'start', 'css', at(1));
  if (status === 'completed') run(enrollment, 'complete', 'css', at(1));
  if (status === 'skipped') run(enrollment, 'skip', 'css', at(1));
  if (status === 'known') run(enrollment, 'known', 'css', at(1));
  enrollment.markCommitted();
  expect(enrollment.statusOf('css')).toBe(status);
  return enrollment;
}

describe('Enrollment', () => {
  describe('enroll', () => {
    it('when a learner enrolls, then Enrolled carries the roadmap version and structure and every skill is pending', () => {
      const enrollment = Enrollment.fromEvents([]);
      const structure = roadmapStructure({ basics: ['html', 'css'], scripting: ['javascript'] });

      enrollment.enroll({ learnerId: LEARNER_ID, roadmapId: 'frontend', roadmapVersion: 3, structure }, ENROLLED_AT);

      expect(enrollment.pendingEvents).toEqual([
        {
          type: 'Enrolled',
          version: 1,
          occurredAt: '2025-03-01T09:00:00.000Z',
          data: {
            learnerId: LEARNER_ID,
            roadmapId: 'frontend',
            roadmapVersion: 3,
            structure: { stages: [{ stageId: 'basics', skillIds: ['html', 'css'] }, { stageId: 'scripting', skillIds: ['javascript'] }] },
          },
        },
      ]);
      expect(enrollment.id).toBe(enrollmentStreamId(LEARNER_ID, 'frontend'));
      expect([enrollment.exists, enrollment.version, enrollment.committedVersion]).toEqual([true, 1, 0]);
      expect(enrollment.state.skills.map((skill) => [skill.skillId, skill.status])).toEqual([
        ['html', 'pending'],
        ['css', 'pending'],
        ['javascript', 'pending'],
      ]);
    });

    it('when the stream already holds an enrollment, then enrolling again fails with ALREADY_ENROLLED and records nothing', () => {
      const enrollment = enrolledEnrollment();

      const error = errorThrownBy(() =>
        enrollment.enroll({ learnerId: LEARNER_ID, roadmapId: 'frontend', roadmapVersion: 1, structure: roadmapStructure() }, at(5)),
      );

      expect(error).toMatchObject({ code: 'PROGRESS.ALREADY_ENROLLED', kind: 'conflict', details: { learnerId: LEARNER_ID, roadmapId: 'frontend' } });
      expect(enrollment.pendingEvents).toEqual([]);
      expect(enrollment.version).toBe(1);
    });

    it('when two commands race on the same empty stream, then both number their Enrolled 1 so the store constraint admits only one', () => {
      const first = Enrollment.fromEvents([]);
      const second = Enrollment.fromEvents([]);
      const params = { learnerId: LEARNER_ID, roadmapId: 'frontend', roadmapVersion: 1, structure: roadmapStructure() };

      first.enroll(params, at(1));
      second.enroll(params, at(1));

      expect([first.committedVersion, first.pendingEvents[0].version]).toEqual([0, 1]);
      expect([second.committedVersion, second.pendingEvents[0].version]).toEqual([0, 1]);
    });

    it('when the learner has unenrolled, then enrolling again fails with ENROLLMENT_CLOSED', () => {
      const enrollment = enrolledEnrollment();
      enrollment.unenroll(at(1));
      enrollment.markCommitted();

      const error = errorThrownBy(() =>
        enrollment.enroll({ learnerId: LEARNER_ID, roadmapId: 'frontend', roadmapVersion: 1, structure: roadmapStructure() }, at(2)),
      );

      expect(error).toMatchObject({ code: 'PROGRESS.ENROLLMENT_CLOSED', kind: 'conflict' });
      expect(enrollment.pendingEvents).toEqual([]);
    });

    it.each([
      ['learnerId', { learnerId: ' ' }],
      ['roadmapId', { roadmapId: '' }],
      ['roadmapVersion', { roadmapVersion: 0 }],
      ['roadmapVersion', { roadmapVersion: 1.5 }],
    ])('when %s is malformed, then enrolling fails with INVALID_COMMAND and records nothing', (field, override) => {
      const enrollment = Enrollment.fromEvents([]);

      const error = errorThrownBy(() =>
        enrollment.enroll({ learnerId: LEARNER_ID, roadmapId: 'frontend', roadmapVersion: 1, structure: roadmapStructure(), ...override }, at(1)),
      );

      expect(error).toMatchObject({ code: 'PROGRESS.INVALID_COMMAND', kind: 'invalid', details: { field } });
      expect([enrollment.exists, enrollment.version]).toEqual([false, 0]);
    });

    it('when the command time is not a valid date, then it fails with INVALID_COMMAND and records nothing', () => {
      const enrollment = Enrollment.fromEvents([]);

      const error = errorThrownBy(() =>
        enrollment.enroll({ learnerId: LEARNER_ID, roadmapId: 'frontend', roadmapVersion: 1, structure: roadmapStructure() }, new Date('nope')),
      );

      expect(error).toMatchObject({ code: 'PROGRESS.INVALID_COMMAND', details: { field: 'now' } });
      expect(enrollment.exists).toBe(false);
    });
  });

  describe('when the stream has no enrollment', () => {
    it.each<[string, (enrollment: Enrollment) => unknown]>([
      ['completeSkill', (enrollment) => enrollment.completeSkill('html', at(1))],
      ['markSkillKnown', (enrollment) => enrollment.markSkillKnown('html', { source: 'learner-claim' }, at(1))],
      ['adoptRoadmapVersion', (enrollment) => enrollment.adoptRoadmapVersion(2, roadmapStructure(), at(1))],
      ['unenroll', (enrollment) => enrollment.unenroll(at(1))],
      ['state', (enrollment) => enrollment.state],
      ['toSnapshot', (enrollment) => enrollment.toSnapshot()],
    ])('when %s is used, then it fails with ENROLLMENT_NOT_FOUND', (_name, use) => {
      const enrollment = Enrollment.fromEvents([]);

      expect(errorThrownBy(() => use(enrollment))).toMatchObject({ code: 'PROGRESS.ENROLLMENT_NOT_FOUND', kind: 'not-found' });
      expect(enrollment.pendingEvents).toEqual([]);
    });
  });

  describe('skill commands', () => {
    it('when a skill goes through start, skip, start, complete, reset and known, then each records its event at the next version', () => {
      const enrollment = enrolledEnrollment();

      enrollment.startSkill('css', at(1));
      enrollment.skipSkill('css', at(2));
      enrollment.startSkill('css', at(3));
      enrollment.completeSkill('css', at(4));
      enrollment.resetSkill('css', at(5));
      enrollment.markSkillKnown('css', { source: 'learner-claim' }, at(6));

      expect(enrollment.pendingEvents).toEqual([
        { type: 'SkillStarted', version: 2, occurredAt: at(1).toISOString(), data: { skillId: 'css' } },
        { type: 'SkillSkipped', version: 3, occurredAt: at(2).toISOString(), data: { skillId: 'css' } },
        { type: 'SkillStarted', version: 4, occurredAt: at(3).toISOString(), data: { skillId: 'css' } },
        { type: 'SkillCompleted', version: 5, occurredAt: at(4).toISOString(), data: { skillId: 'css' } },
        { type: 'SkillReset', version: 6, occurredAt: at(5).toISOString(), data: { skillId: 'css', previousStatus: 'completed' } },
        { type: 'SkillMarkedKnown', version: 7, occurredAt: at(6).toISOString(), data: { skillId: 'css', source: 'learner-claim' } },
      ]);
      expect(enrollment.state.skills.find((skill) => skill.skillId === 'css')).toEqual({
        skillId: 'css',
        status: 'known',
        changedAt: at(6).toISOString(),
        knownSource: 'learner-claim',
      });
    });

    it.each<Command>(['start', 'complete', 'skip', 'known', 'reset'])(
      'when "%s" names a skill that is not in the roadmap, then it fails with SKILL_NOT_IN_ROADMAP and records nothing',
      (command) => {
        const enrollment = enrolledEnrollment();

        const error = errorThrownBy(() => run(enrollment, command, 'kubernetes', at(1)));

        expect(error).toBeInstanceOf(SkillNotInRoadmapError);
        expect(error).toMatchObject({
          code: 'PROGRESS.SKILL_NOT_IN_ROADMAP',
          kind: 'invalid',
          details: { skillId: 'kubernetes', roadmapId: 'frontend', roadmapVersion: 1 },
        });
        expect(enrollment.pendingEvents).toEqual([]);
      },
    );

    it.each<Command>(['start', 'complete', 'skip', 'known', 'reset'])(
      'when "%s" names a skill archived by a newer roadmap version, then it fails with SKILL_NOT_IN_ROADMAP',
      (command) => {
        const enrollment = enrolledEnrollment();
        enrollment.completeSkill('css', at(1));
        enrollment.adoptRoadmapVersion(2, roadmapStructure({ foundations: ['html'], scripting: ['javascript', 'dom', 'fetch'] }), at(2));
        enrollment.markCommitted();

        expect(errorThrownBy(() => run(enrollment, command, 'css', at(3)))).toMatchObject({
          code: 'PROGRESS.SKILL_NOT_IN_ROADMAP',
          details: { skillId: 'css', roadmapVersion: 2 },
        });
        expect(enrollment.pendingEvents).toEqual([]);
        expect(enrollment.statusOf('css')).toBe('completed');
      },
    );

    it.each<Command>(['start', 'complete', 'skip', 'known', 'reset'])(
      'when "%s" arrives after the learner unenrolled, then it fails with ENROLLMENT_CLOSED and records nothing',
      (command) => {
        const enrollment = enrolledEnrollment();
        enrollment.unenroll(at(1));
        enrollment.markCommitted();

        expect(errorThrownBy(() => run(enrollment, command, 'html', at(2)))).toMatchObject({ code: 'PROGRESS.ENROLLMENT_CLOSED', kind: 'conflict' });
        expect(enrollment.pendingEvents).toEqual([]);
      },
    );

    it.each<[Command, SkillStatus]>([
      ['complete', 'completed'],
      ['start', 'in-progress'],
      ['skip', 'skipped'],
      ['known', 'known'],
      ['known', 'completed'],
      ['reset', 'pending'],
    ])('when "%s" is retried on a %s skill, then it is a no-op that records nothing', (command, status) => {
      const enrollment = withCss(status);

      run(enrollment, command, 'css', at(10));

      expect(enrollment.pendingEvents).toEqual([]);
      expect(enrollment.statusOf('css')).toBe(status);
    });

    it.each<[Command, SkillStatus]>([
      ['start', 'completed'],
      ['start', 'known'],
      ['skip', 'completed'],
      ['skip', 'known'],
    ])('when "%s" would lower a %s skill, then it fails with SKILL_TRANSITION_NOT_ALLOWED and records nothing', (command, status) => {
      const enrollment = withCss(status);

      const error = errorThrownBy(() => run(enrollment, command, 'css', at(10)));

      expect(error).toMatchObject({
        code: 'PROGRESS.SKILL_TRANSITION_NOT_ALLOWED',
        kind: 'conflict',
        details: { skillId: 'css', currentStatus: status, requestedStatus: command === 'start' ? 'in-progress' : 'skipped' },
      });
      expect(enrollment.pendingEvents).toEqual([]);
      expect(enrollment.statusOf('css')).toBe(status);
    });

    it.each<SkillStatus>(['in-progress', 'completed', 'skipped', 'known'])(
      'when a %s skill is reset, then it is pending again and SkillReset names the previous status',
      (status) => {
        const enrollment = withCss(status);

        enrollment.resetSkill('css', at(10));

        expect(enrollment.pendingEvents).toEqual([
          { type: 'SkillReset', version: enrollment.committedVersion + 1, occurredAt: at(10).toISOString(), data: { skillId: 'css', previousStatus: status } },
        ]);
        expect(enrollment.state.skills.find((skill) => skill.skillId === 'css')).toEqual({ skillId: 'css', status: 'pending', changedAt: at(10).toISOString() });
      },
    );

    it('when a skill is marked known from a resume, then it is known with its evidence and does not count as done', () => {
      const enrollment = enrolledEnrollment();

      enrollment.markSkillKnown('html', { source: 'resume-analysis', evidenceRef: 'analysis-7#span-2' }, at(1));

      expect(enrollment.pendingEvents).toEqual([
        {
          type: 'SkillMarkedKnown',
          version: 2,
          occurredAt: at(1).toISOString(),
          data: { skillId: 'html', source: 'resume-analysis', evidenceRef: 'analysis-7#span-2' },
        },
      ]);
      expect(summarizeEnrollment(enrollment.state).overall).toMatchObject({ done: 0, known: 1, total: 5 });
    });

    it('when a known skill is marked known with different provenance, then the new provenance is recorded', () => {
      const enrollment = withCss('known');

      enrollment.markSkillKnown('css', { source: 'learner-claim' }, at(10));

      expect(types(enrollment.pendingEvents)).toEqual(['SkillMarkedKnown']);
      expect(enrollment.state.skills.find((skill) => skill.skillId === 'css')).toEqual({
        skillId: 'css',
        status: 'known',
        changedAt: at(10).toISOString(),
        knownSource: 'learner-claim',
      });
    });

    it('when a known skill is completed, then it counts as done', () => {
      const enrollment = withCss('known');

      enrollment.completeSkill('css', at(10));

      expect(types(enrollment.pendingEvents)).toEqual(['SkillCompleted']);
      expect(summarizeEnrollment(enrollment.state).overall).toMatchObject({ done: 1, known: 0 });
    });

    it.each([
      ['source', { source: 'linkedin' }],
      ['evidenceRef', { source: 'resume-analysis', evidenceRef: '' }],
    ])('when the known %s is malformed, then it fails with INVALID_COMMAND and records nothing', (field, evidence) => {
      const enrollment = enrolledEnrollment();

      const error = errorThrownBy(() => enrollment.markSkillKnown('css', evidence as never, at(1)));

      expect(error).toMatchObject({ code: 'PROGRESS.INVALID_COMMAND', details: { field } });
      expect(enrollment.pendingEvents).toEqual([]);
    });
  });

  describe('completion', () => {
    const small = () => enrolledEnrollment({ structure: roadmapStructure({ basics: ['html', 'css'], scripting: ['javascript'] }) });

    it('when the last counted skill is completed, then RoadmapCompleted is recorded once, right after that SkillCompleted', () => {
      const enrollment = small();

      enrollment.completeSkill('html', at(1));
      enrollment.completeSkill('css', at(2));
      expect(types(enrollment.pendingEvents)).toEqual(['SkillCompleted', 'SkillCompleted']);
      enrollment.completeSkill('javascript', at(3));
      enrollment.completeSkill('javascript', at(4));

      expect(enrollment.pendingEvents.slice(2)).toEqual([
        { type: 'SkillCompleted', version: 4, occurredAt: at(3).toISOString(), data: { skillId: 'javascript' } },
        { type: 'RoadmapCompleted', version: 5, occurredAt: at(3).toISOString(), data: { roadmapVersion: 1, completedSkills: 3 } },
      ]);
      expect(enrollment.state.completedAt).toBe(at(3).toISOString());
    });

    it('when the remaining skills are known or skipped, then the roadmap is not completed', () => {
      const enrollment = small();

      enrollment.completeSkill('html', at(1));
      enrollment.markSkillKnown('css', { source: 'resume-analysis' }, at(2));
      enrollment.skipSkill('javascript', at(3));

      expect(types(enrollment.pendingEvents)).not.toContain('RoadmapCompleted');
      expect(enrollment.state.completedAt).toBeNull();
      expect(summarizeEnrollment(enrollment.state).overall).toEqual({ done: 1, known: 1, skipped: 1, inProgress: 0, pending: 0, total: 3 });
    });

    it('when a completed roadmap has a skill reset and completed again, then RoadmapCompleted is not recorded a second time', () => {
      const enrollment = small();
      for (const skillId of ['html', 'css', 'javascript']) enrollment.completeSkill(skillId, at(1));
      enrollment.markCommitted();

      enrollment.resetSkill('css', at(2));
      enrollment.completeSkill('css', at(3));

      expect(types(enrollment.pendingEvents)).toEqual(['SkillReset', 'SkillCompleted']);
      expect(enrollment.state.completedAt).toBe(at(1).toISOString());
    });

    it('when a new version adds a skill after completion, then completion stays historical and the new skill shows as pending', () => {
      const enrollment = small();
      for (const skillId of ['html', 'css', 'javascript']) enrollment.completeSkill(skillId, at(1));
      enrollment.markCommitted();

      enrollment.adoptRoadmapVersion(2, roadmapStructure({ basics: ['html', 'css'], scripting: ['javascript', 'typescript'] }), at(2));
      enrollment.completeSkill('typescript', at(3));

      expect(types(enrollment.pendingEvents)).toEqual(['RoadmapVersionAdopted', 'SkillCompleted']);
      const summary = summarizeEnrollment(enrollment.state);
      expect(summary.roadmapCompletedAt).toBe(at(1).toISOString());
      expect(summary.overall).toMatchObject({ done: 4, total: 4 });
    });

    it('when a new version archives the only unfinished skill, then RoadmapCompleted is recorded in the same command', () => {
      const enrollment = small();
      enrollment.completeSkill('html', at(1));
      enrollment.completeSkill('css', at(2));
      enrollment.markCommitted();

      enrollment.adoptRoadmapVersion(2, roadmapStructure({ basics: ['html', 'css'] }), at(3));

      expect(enrollment.pendingEvents).toEqual([
        expect.objectContaining({ type: 'RoadmapVersionAdopted', version: 4 }),
        { type: 'RoadmapCompleted', version: 5, occurredAt: at(3).toISOString(), data: { roadmapVersion: 2, completedSkills: 2 } },
      ]);
    });
  });

  describe('roadmap versions', () => {
    it('when a version removes one skill and adds another, then completed skills stay completed, the removed one is archived and totals follow', () => {
      const enrollment = enrolledEnrollment();
      enrollment.completeSkill('html', at(1));
      enrollment.completeSkill('dom', at(2));
      enrollment.markCommitted();
      const next = roadmapStructure({ foundations: ['html', 'css', 'accessibility'], scripting: ['javascript', 'fetch'] });

      enrollment.adoptRoadmapVersion(2, next, at(3));

      expect(enrollment.pendingEvents).toEqual([
        {
          type: 'RoadmapVersionAdopted',
          version: 4,
          occurredAt: at(3).toISOString(),
          data: { roadmapVersion: 2, structure: next.toData(), addedSkillIds: ['accessibility'], archivedSkillIds: ['dom'] },
        },
      ]);
      expect([enrollment.statusOf('html'), enrollment.statusOf('dom'), enrollment.statusOf('accessibility')]).toEqual(['completed', 'completed', 'pending']);
      const summary = summarizeEnrollment(enrollment.state);
      expect(summary.roadmapVersion).toBe(2);
      expect(summary.overall).toEqual({ done: 1, known: 0, skipped: 0, inProgress: 0, pending: 4, total: 5 });
      expect(summary.archivedSkills).toEqual([{ skillId: 'dom', status: 'completed' }]);
    });

    it.each([1, 2])('when version %i arrives while the enrollment is on version 2, then nothing is recorded', (stale) => {
      const enrollment = enrolledEnrollment({ roadmapVersion: 2 });

      enrollment.adoptRoadmapVersion(stale, roadmapStructure({ other: ['cobol'] }), at(1));

      expect(enrollment.pendingEvents).toEqual([]);
      expect(enrollment.state.structure).toEqual(roadmapStructure().toData());
    });

    it('when a later version brings an archived skill back, then it regains the status it had', () => {
      const enrollment = enrolledEnrollment();
      enrollment.skipSkill('dom', at(1));
      enrollment.adoptRoadmapVersion(2, roadmapStructure({ foundations: ['html', 'css'], scripting: ['javascript', 'fetch'] }), at(2));

      enrollment.adoptRoadmapVersion(3, roadmapStructure(), at(3));

      expect(enrollment.pendingEvents[2].data).toMatchObject({ addedSkillIds: ['dom'], archivedSkillIds: [] });
      expect(summarizeEnrollment(enrollment.state).overall).toMatchObject({ skipped: 1, total: 5 });
    });

    it('when the version number is not a positive integer, then adopting fails with INVALID_COMMAND', () => {
      const enrollment = enrolledEnrollment();

      expect(errorThrownBy(() => enrollment.adoptRoadmapVersion(Number.NaN, roadmapStructure(), at(1)))).toMatchObject({
        code: 'PROGRESS.INVALID_COMMAND',
        details: { field: 'roadmapVersion' },
      });
    });

    it('when a version is published after the learner unenrolled, then adopting fails with ENROLLMENT_CLOSED', () => {
      const enrollment = enrolledEnrollment();
      enrollment.unenroll(at(1));
      enrollment.markCommitted();

      expect(errorThrownBy(() => enrollment.adoptRoadmapVersion(2, roadmapStructure(), at(2)))).toMatchObject({ code: 'PROGRESS.ENROLLMENT_CLOSED' });
    });
  });

  describe('unenroll', () => {
    it('when unenroll is retried, then Unenrolled is recorded once and progress stays readable', () => {
      const enrollment = enrolledEnrollment();
      enrollment.completeSkill('html', at(1));

      enrollment.unenroll(at(2));
      enrollment.unenroll(at(3));

      expect(types(enrollment.pendingEvents)).toEqual(['SkillCompleted', 'Unenrolled']);
      expect(enrollment.state.unenrolledAt).toBe(at(2).toISOString());
      expect(summarizeEnrollment(enrollment.state)).toMatchObject({ closed: true, overall: { done: 1 } });
    });
  });

  describe('persistence', () => {
    function historyOfMixedProgress(): { stream: EnrollmentEvent[]; enrollment: Enrollment } {
      const stream: EnrollmentEvent[] = [];
      const enrollment = Enrollment.fromEvents([]);
      enrollment.enroll({ learnerId: LEARNER_ID, roadmapId: 'frontend', roadmapVersion: 1, structure: roadmapStructure() }, ENROLLED_AT);
      enrollment.completeSkill('html', at(1));
      commit(enrollment, stream);
      enrollment.markSkillKnown('css', { source: 'resume-analysis', evidenceRef: 'analysis-1#0' }, at(2));
      enrollment.startSkill('javascript', at(3));
      enrollment.skipSkill('fetch', at(4));
      commit(enrollment, stream);
      enrollment.adoptRoadmapVersion(2, roadmapStructure({ foundations: ['html', 'css'], scripting: ['javascript', 'dom', 'typescript'] }), at(5));
      enrollment.completeSkill('dom', at(6));
      commit(enrollment, stream);
      return { stream, enrollment };
    }

    it('when events are committed, then pendingEvents empties, committedVersion catches up and numbering continues', () => {
      const enrollment = enrolledEnrollment();
      enrollment.startSkill('html', at(1));
      enrollment.completeSkill('html', at(2));
      expect([enrollment.version, enrollment.committedVersion]).toEqual([3, 1]);

      enrollment.markCommitted();
      enrollment.startSkill('css', at(3));

      expect([enrollment.version, enrollment.committedVersion]).toEqual([4, 3]);
      expect(enrollment.pendingEvents.map((event) => event.version)).toEqual([4]);
    });

    it('when the stored events are replayed, then the rehydrated enrollment has the same state, summary and version', () => {
      const { stream, enrollment } = historyOfMixedProgress();

      const rehydrated = Enrollment.fromEvents(stream);

      expect(rehydrated.state).toEqual(enrollment.state);
      expect(summarizeEnrollment(rehydrated.state)).toEqual(summarizeEnrollment(enrollment.state));
      expect([rehydrated.version, rehydrated.committedVersion, rehydrated.pendingEvents]).toEqual([stream.length, stream.length, []]);
      expect(rehydrated.id).toBe(enrollment.id);
    });

    it('when the events went through JSON, as in a jsonb column, then replay gives exactly the same state', () => {
      const { stream, enrollment } = historyOfMixedProgress();

      const rehydrated = Enrollment.fromEvents(JSON.parse(JSON.stringify(stream)));

      expect(rehydrated.state).toStrictEqual(enrollment.state);
    });

    it('when a rehydrated enrollment records a command, then its event is numbered after the stored ones', () => {
      const { stream } = historyOfMixedProgress();
      const rehydrated = Enrollment.fromEvents(stream);

      rehydrated.completeSkill('typescript', at(7));

      expect(rehydrated.committedVersion).toBe(stream.length);
      expect(rehydrated.pendingEvents.map((event) => event.version)).toEqual([stream.length + 1]);
    });

    it.each([1, 3, 5])('when a snapshot taken at version %i is loaded with the later events, then it equals a full replay', (cut) => {
      const { stream } = historyOfMixedProgress();
      const snapshot = Enrollment.fromEvents(stream.slice(0, cut)).toSnapshot();

      const fromSnapshot = Enrollment.fromSnapshot(JSON.parse(JSON.stringify(snapshot)), stream.slice(cut));
      const replayed = Enrollment.fromEvents(stream);

      expect(snapshot).toMatchObject({ schema: ENROLLMENT_SNAPSHOT_SCHEMA, version: cut });
      expect(fromSnapshot.state).toStrictEqual(replayed.state);
      expect([fromSnapshot.version, fromSnapshot.committedVersion]).toEqual([replayed.version, replayed.committedVersion]);
      expect(fromSnapshot.toSnapshot()).toStrictEqual(replayed.toSnapshot());
    });

    it('when a snapshot has another schema, then loading fails so the repository can fall back to a full replay', () => {
      const snapshot = { ...enrolledEnrollment().toSnapshot(), schema: ENROLLMENT_SNAPSHOT_SCHEMA + 1 };

      expect(() => Enrollment.fromSnapshot(snapshot, [])).toThrow(CorruptEnrollmentStreamError);
    });

    it('when a snapshot is loaded with a tail that does not continue it, then loading fails', () => {
      const { stream } = historyOfMixedProgress();
      const snapshot = Enrollment.fromEvents(stream.slice(0, 2)).toSnapshot();

      expect(() => Enrollment.fromSnapshot(snapshot, stream.slice(3))).toThrow(/expected event version 3, got 4/);
    });

    it('when the history has a gap, lacks Enrolled, enrolls twice or names an unknown skill, then replay fails as corrupt', () => {
      const { stream } = historyOfMixedProgress();
      const renumbered = (events: EnrollmentEvent[]) => events.map((event, i) => ({ ...event, version: i + 1 }));

      expect(() => Enrollment.fromEvents([stream[0], stream[2]])).toThrow(CorruptEnrollmentStreamError);
      expect(() => Enrollment.fromEvents(renumbered([stream[1]]))).toThrow(/precedes Enrolled/);
      expect(() => Enrollment.fromEvents(renumbered([stream[0], stream[0]]))).toThrow(/a second Enrolled/);
      expect(() =>
        Enrollment.fromEvents([stream[0], { type: 'SkillCompleted', version: 2, occurredAt: at(1).toISOString(), data: { skillId: 'cobol' } }]),
      ).toThrow(/unknown skill cobol/);
      expect(() => Enrollment.fromEvents([stream[0], { type: 'SkillLiked', version: 2 } as never])).toThrow(/unknown event type SkillLiked/);
    });

    it('when the state is read and mutated by a caller, then the enrollment is unaffected', () => {
      const enrollment = enrolledEnrollment();
      const state = enrollment.state as unknown as { skills: { status: string }[]; structure: { stages: { skillIds: string[] }[] } };

      state.skills[0].status = 'completed';
      state.structure.stages[0].skillIds.push('hacked');

      expect(enrollment.statusOf('html')).toBe('pending');
      expect(enrollment.state.structure).toEqual(roadmapStructure().toData());
    });
  });

  describe('enrollmentStreamId', () => {
    it('when ids contain dashes or colons, then different learner and roadmap pairs never share a stream id', () => {
      const ids = [
        enrollmentStreamId('a-b', 'c'),
        enrollmentStreamId('a', 'b-c'),
        enrollmentStreamId('a:b', 'c'),
        enrollmentStreamId('a', 'b:c'),
        enrollmentStreamId('a', 'b%3Ac'),
      ];

      expect(new Set(ids).size).toBe(ids.length);
      expect(enrollmentStreamId(LEARNER_ID, 'frontend')).toBe(`enrollment:${LEARNER_ID}:frontend`);
      expect(enrollmentStreamId(LEARNER_ID, 'frontend')).toBe(enrollmentStreamId(LEARNER_ID, 'frontend'));
    });

    it('when an id is empty, then it fails with INVALID_COMMAND', () => {
      expect(errorThrownBy(() => enrollmentStreamId('', 'frontend'))).toMatchObject({ code: 'PROGRESS.INVALID_COMMAND', details: { field: 'learnerId' } });
    });
  });
});
