import { enrolledEnrollment, minutesAfter as at } from '../testing';
import { skillStatusChanges } from './status-changes';

describe('skillStatusChanges', () => {
  it('when a command records several changes of one skill, then each names the status it replaced', () => {
    const enrollment = enrolledEnrollment();
    enrollment.startSkill('css', at(1));
    enrollment.markCommitted();
    const statuses = new Map(enrollment.state.skills.map((skill) => [skill.skillId, skill.status]));
    const before = (skillId: string) => statuses.get(skillId);
    enrollment.completeSkill('css', at(2));
    enrollment.resetSkill('css', at(3));
    enrollment.markSkillKnown('css', { source: 'learner-claim' }, at(4));

    expect(skillStatusChanges(before, enrollment.pendingEvents)).toEqual([
      { version: 3, skillId: 'css', status: 'completed', previousStatus: 'in-progress', changedAt: at(2).toISOString() },
      { version: 4, skillId: 'css', status: 'pending', previousStatus: 'completed', changedAt: at(3).toISOString() },
      { version: 5, skillId: 'css', status: 'known', previousStatus: 'pending', source: 'learner-claim', changedAt: at(4).toISOString() },
    ]);
  });

  it('when events are not skill changes (enrolled, completed roadmap, unenrolled), then they yield nothing', () => {
    const enrollment = enrolledEnrollment();
    enrollment.unenroll(at(1));
    expect(skillStatusChanges(() => undefined, enrollment.pendingEvents)).toEqual([]);
  });
});
