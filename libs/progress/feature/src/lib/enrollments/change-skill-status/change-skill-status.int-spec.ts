import { enrollmentStreamId } from '@pathwise/progress/domain';
import { createProgressTestBed, roadmapPublished, uniqueId, type ProgressTestBed } from '../../../testing';

describe('change skill status across enrollments (real PostgreSQL)', () => {
  let bed: ProgressTestBed;

  beforeAll(async () => {
    bed = await createProgressTestBed('cross_roadmap');
  });

  afterAll(async () => {
    await bed?.dispose();
  });

  it('when the same skill is in two of the learner’s roadmaps, then completing it in one completes it in the other as events in both streams', async () => {
    const backend = uniqueId('roadmap:backend');
    const devops = uniqueId('roadmap:devops');
    await bed.publish(roadmapPublished(backend, 1));
    await bed.publish(roadmapPublished(devops, 1, { stages: [['basics', ['linux', 'git']], ['containers', ['docker', 'kubernetes']]] }));
    const learnerId = uniqueId('learner');
    const otherLearner = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: backend }, new Date());
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: devops }, new Date());
    await bed.enroll.execute({ learnerId: otherLearner, roadmapIdOrSlug: devops }, new Date());
    await bed.changeSkillStatus.execute({ learnerId, roadmapId: devops, skillId: 'skill:docker', status: 'skipped' }, new Date());

    const result = await bed.changeSkillStatus.execute({ learnerId, roadmapId: backend, skillId: 'skill:docker', status: 'completed' }, new Date());
    const notShared = await bed.changeSkillStatus.execute({ learnerId, roadmapId: backend, skillId: 'skill:sql', status: 'completed' }, new Date());
    await bed.projector.catchUp();

    expect(result.alsoCompletedIn).toEqual([devops]);
    expect(notShared.alsoCompletedIn).toEqual([]);
    const types: { type: string; data: { skillId?: string } }[] = await bed.dataSource.query('SELECT type, data FROM event_store WHERE stream_id = $1 ORDER BY version', [
      enrollmentStreamId(learnerId, devops),
    ]);
    expect(types.map((row) => `${row.type}:${row.data.skillId ?? ''}`)).toEqual(['Enrolled:', 'SkillSkipped:skill:docker', 'SkillCompleted:skill:docker']);
    expect((await bed.reads.enrollmentOf(learnerId, devops))?.summary.overall).toMatchObject({ done: 1, skipped: 0, total: 4 });
    expect((await bed.reads.enrollmentOf(learnerId, backend))?.summary.overall).toMatchObject({ done: 2, total: 32 });
    expect((await bed.reads.enrollmentOf(otherLearner, devops))?.summary.overall).toMatchObject({ done: 0 });
  });
});
