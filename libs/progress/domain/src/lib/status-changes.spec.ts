import { ENROLLED_AT, enrolledEnrollment, LEARNER_ID, minutesAfter as at, roadmapStructure } from '../testing';
import { Enrollment } from './enrollment';

describe('Enrollment.pendingStatusChanges', () => {
  it('when a command records several changes of one skill, then each names the status it replaced', () => {
    const enrollment = enrolledEnrollment();
    enrollment.startSkill('css', at(1));
    enrollment.markCommitted();
    enrollment.completeSkill('css', at(2));
    enrollment.resetSkill('css', at(3));
    enrollment.markSkillKnown('css', { source: 'learner-claim' }, at(4));

    expect(enrollment.pendingStatusChanges).toEqual([
      { version: 3, skillId: 'css', status: 'completed', previousStatus: 'in-progress', changedAt: at(2).toISOString() },
      { version: 4, skillId: 'css', status: 'pending', previousStatus: 'completed', changedAt: at(3).toISOString() },
      { version: 5, skillId: 'css', status: 'known', previousStatus: 'pending', source: 'learner-claim', changedAt: at(4).toISOString() },
    ]);
  });

  it('when events are not skill changes (enrolled, completed roadmap, unenrolled), then they yield nothing', () => {
    const enrollment = enrolledEnrollment();
    enrollment.unenroll(at(1));
    expect(enrollment.pendingStatusChanges).toEqual([]);
  });

  it('when an enrollment is loaded from its stored events, then the first change names the status replay reached', () => {
    const original = Enrollment.fromEvents([]);
    original.enroll({ learnerId: LEARNER_ID, roadmapId: 'frontend', roadmapVersion: 1, structure: roadmapStructure() }, ENROLLED_AT);
    original.skipSkill('html', at(1));
    const enrollment = Enrollment.fromEvents(original.pendingEvents);
    enrollment.markSkillKnown('html', { source: 'resume-analysis', evidenceRef: 'cv#3' }, at(2));
    enrollment.markSkillKnown('html', { source: 'learner-claim' }, at(3));

    expect(enrollment.pendingStatusChanges).toEqual([
      { version: 3, skillId: 'html', status: 'known', previousStatus: 'skipped', source: 'resume-analysis', changedAt: at(2).toISOString() },
      { version: 4, skillId: 'html', status: 'known', previousStatus: 'known', source: 'learner-claim', changedAt: at(3).toISOString() },
    ]);
  });

  it('when the pending events are committed, then their changes are gone with them', () => {
    const enrollment = enrolledEnrollment();
    enrollment.startSkill('css', at(1));
    enrollment.markCommitted();
    expect(enrollment.pendingStatusChanges).toEqual([]);
  });
});
