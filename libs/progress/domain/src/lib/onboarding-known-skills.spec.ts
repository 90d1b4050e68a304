import { enrolledEnrollment, minutesAfter as at } from '../testing';
import type { Enrollment } from './enrollment';
import type { SkillStatus } from './enrollment.events';

const evidence = { source: 'resume-analysis', evidenceRef: 'resume:1' } as const;

function withCss(status: SkillStatus): Enrollment {
  const enrollment = enrolledEnrollment();
  if (status === 'in-progress') enrollment.startSkill('css', at(1));
  if (status === 'completed') enrollment.completeSkill('css', at(1));
  if (status === 'skipped') enrollment.skipSkill('css', at(1));
  if (status === 'known') enrollment.markSkillKnown('css', { source: 'learner-claim' }, at(1));
  enrollment.markCommitted();
  return enrollment;
}

describe('Enrollment: known skills from onboarding', () => {
  it.each(['pending', 'in-progress', 'skipped'] as const)('when a %s skill is marked known from a resume and reverted, then it is %s again', (status) => {
    const enrollment = withCss(status);
    expect(enrollment.markSkillKnownUnlessReached('css', evidence, at(2))).toBe(status);
    expect(enrollment.statusOf('css')).toBe('known');

    expect(enrollment.revertKnownSkill('css', status, 'resume-analysis', at(3))).toBe(true);

    expect(enrollment.statusOf('css')).toBe(status);
    expect(enrollment.pendingStatusChanges.map((change) => change.status)).toEqual(['known', 'pending', ...(status === 'pending' ? [] : [status])]);
  });

  it.each(['completed', 'known'] as const)('when the skill is already %s, then nothing is recorded and undefined is answered', (status) => {
    const enrollment = withCss(status);
    expect(enrollment.markSkillKnownUnlessReached('css', evidence, at(2))).toBeUndefined();
    expect(enrollment.pendingEvents).toEqual([]);
  });

  it('when the learner changed the skill after it was marked known, then the revert leaves it alone', () => {
    const enrollment = withCss('pending');
    enrollment.markSkillKnownUnlessReached('css', evidence, at(2));
    enrollment.resetSkill('css', at(3));
    enrollment.markSkillKnown('css', { source: 'learner-claim' }, at(4));
    enrollment.markCommitted();

    expect(enrollment.revertKnownSkill('css', 'pending', 'resume-analysis', at(5))).toBe(false);
    expect(enrollment.statusOf('css')).toBe('known');
    expect(enrollment.pendingEvents).toEqual([]);
  });
});
