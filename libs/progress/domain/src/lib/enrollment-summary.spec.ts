import { enrolledEnrollment, minutesAfter as at, roadmapStructure } from '../testing';
import { summarizeEnrollment } from './enrollment-summary';

describe('summarizeEnrollment', () => {
  it('when skills are in every status, then each stage and the total count done, known, skipped, in progress and pending apart', () => {
    const enrollment = enrolledEnrollment({
      structure: roadmapStructure({ foundations: ['html', 'css', 'accessibility'], scripting: ['javascript', 'dom', 'fetch'] }),
    });
    enrollment.completeSkill('html', at(1));
    enrollment.markSkillKnown('css', { source: 'resume-analysis', evidenceRef: 'analysis-1#4' }, at(2));
    enrollment.skipSkill('accessibility', at(3));
    enrollment.completeSkill('javascript', at(4));
    enrollment.startSkill('dom', at(5));

    const summary = summarizeEnrollment(enrollment.state);

    expect(summary).toEqual({
      roadmapVersion: 1,
      overall: { done: 2, known: 1, skipped: 1, inProgress: 1, pending: 1, total: 6 },
      stages: [
        {
          stageId: 'foundations',
          done: 1,
          known: 1,
          skipped: 1,
          inProgress: 0,
          pending: 0,
          total: 3,
          skills: [
            { skillId: 'html', status: 'completed' },
            { skillId: 'css', status: 'known' },
            { skillId: 'accessibility', status: 'skipped' },
          ],
        },
        {
          stageId: 'scripting',
          done: 1,
          known: 0,
          skipped: 0,
          inProgress: 1,
          pending: 1,
          total: 3,
          skills: [
            { skillId: 'javascript', status: 'completed' },
            { skillId: 'dom', status: 'in-progress' },
            { skillId: 'fetch', status: 'pending' },
          ],
        },
      ],
      archivedSkills: [],
      roadmapCompletedAt: null,
      closed: false,
    });
  });

  it('when a newer version archived skills, then they are listed apart with their status and left out of every count', () => {
    const enrollment = enrolledEnrollment();
    enrollment.completeSkill('css', at(1));
    enrollment.markSkillKnown('fetch', { source: 'learner-claim' }, at(2));
    enrollment.adoptRoadmapVersion(2, roadmapStructure({ foundations: ['html'], scripting: ['javascript', 'dom'] }), at(3));

    const summary = summarizeEnrollment(enrollment.state);

    expect(summary.archivedSkills).toEqual([
      { skillId: 'css', status: 'completed' },
      { skillId: 'fetch', status: 'known' },
    ]);
    expect(summary.overall).toEqual({ done: 0, known: 0, skipped: 0, inProgress: 0, pending: 3, total: 3 });
    expect(summary.stages.map((stage) => [stage.stageId, stage.total])).toEqual([
      ['foundations', 1],
      ['scripting', 2],
    ]);
  });

  it('when the roadmap was completed and the learner then unenrolled, then the summary keeps the completion time and shows it closed', () => {
    const enrollment = enrolledEnrollment({ structure: roadmapStructure({ basics: ['html'] }) });
    enrollment.completeSkill('html', at(1));
    enrollment.unenroll(at(2));

    expect(summarizeEnrollment(enrollment.state)).toMatchObject({
      overall: { done: 1, total: 1 },
      roadmapCompletedAt: at(1).toISOString(),
      closed: true,
    });
  });
});
