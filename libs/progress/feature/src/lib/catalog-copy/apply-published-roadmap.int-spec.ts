import { enrollmentStreamId } from '@pathwise/progress/domain';
import { createProgressTestBed, roadmapPublished, uniqueId, type ProgressTestBed } from '../../testing';

describe('local catalog copy and version adoption (real PostgreSQL)', () => {
  let bed: ProgressTestBed;

  beforeAll(async () => {
    bed = await createProgressTestBed('catalog_copy');
  });

  afterAll(async () => {
    await bed?.dispose();
  });

  it('when a learner completes backend skills and v2 drops one of them and adds one, then completed skills are kept and totals follow v2', async () => {
    const roadmapId = uniqueId('roadmap:backend');
    await bed.publish(roadmapPublished(roadmapId, 1));
    const learnerId = uniqueId('learner');
    const enrolled = await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());
    expect(enrolled.state.structure.stages).toHaveLength(9);
    for (const skillId of ['skill:http', 'skill:linux', 'skill:git', 'skill:sql', 'skill:rag']) {
      await bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId, status: 'completed' }, new Date());
    }
    await bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId: 'skill:docker', status: 'skipped' }, new Date());
    await bed.projector.catchUp();
    const before = await bed.reads.enrollmentOf(learnerId, roadmapId);
    expect(before?.summary.overall).toMatchObject({ done: 5, skipped: 1, total: 32 });
    expect(before?.summary.stages.find((stage) => stage.stageId === 'stage:fundamentals')).toMatchObject({ done: 3, total: 3 });

    const applied = await bed.publish(roadmapPublished(roadmapId, 2, { remove: ['rag'], add: ['event-sourcing'] }));
    await bed.projector.catchUp();

    expect(applied).toEqual({ current: true, adopted: 1 });
    const after = await bed.reads.enrollmentOf(learnerId, roadmapId);
    expect(after?.state.roadmapVersion).toBe(2);
    expect(after?.summary.overall).toEqual({ done: 4, known: 0, skipped: 1, inProgress: 0, pending: 27, total: 32 });
    const systemDesign = after?.summary.stages.find((stage) => stage.stageId === 'stage:system-design');
    expect(systemDesign?.skills).toContainEqual({ skillId: 'skill:event-sourcing', status: 'pending' });
    expect(systemDesign?.skills.map((skill) => skill.skillId)).not.toContain('skill:rag');
    expect(after?.summary.archivedSkills).toEqual([{ skillId: 'skill:rag', status: 'completed' }]);
    const [adoption] = await bed.dataSource.query("SELECT data FROM event_store WHERE stream_id = $1 AND type = 'RoadmapVersionAdopted'", [enrollmentStreamId(learnerId, roadmapId)]);
    expect(adoption.data).toMatchObject({ roadmapVersion: 2, addedSkillIds: ['skill:event-sourcing'], archivedSkillIds: ['skill:rag'] });

    // A later version that brings the archived skill back restores its status.
    await bed.publish(roadmapPublished(roadmapId, 3, { add: ['event-sourcing'] }));
    await bed.projector.catchUp();
    expect((await bed.reads.enrollmentOf(learnerId, roadmapId))?.summary.overall).toMatchObject({ done: 5, total: 33 });
  });

  it('when an older version or the same version arrives again, then nothing changes and no enrollment records an event', async () => {
    const roadmapId = uniqueId('roadmap');
    await bed.publish(roadmapPublished(roadmapId, 2));
    const learnerId = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());

    expect(await bed.publish(roadmapPublished(roadmapId, 1, { remove: ['git'] }))).toEqual({ current: false, adopted: 0 });
    expect(await bed.publish(roadmapPublished(roadmapId, 2))).toEqual({ current: false, adopted: 0 });

    const [{ count }] = await bed.dataSource.query('SELECT count(*)::int AS count FROM event_store WHERE stream_id = $1', [enrollmentStreamId(learnerId, roadmapId)]);
    expect(count).toBe(1);
  });

  it('when the roadmap is retired, then new enrollments are refused but existing progress stays and can still change', async () => {
    const roadmapId = uniqueId('roadmap');
    await bed.publish(roadmapPublished(roadmapId, 1));
    const learnerId = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());
    await bed.dataSource.query("UPDATE catalog_roadmaps SET retired_at = now() WHERE roadmap_id = $1", [roadmapId]);

    await expect(bed.enroll.execute({ learnerId: uniqueId('learner'), roadmapIdOrSlug: roadmapId }, new Date())).rejects.toMatchObject({ code: 'PROGRESS.ROADMAP_RETIRED' });
    await expect(bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId: 'skill:git', status: 'completed' }, new Date())).resolves.toBeDefined();
  });

  it('when a roadmap is unknown, then enrolling is not found; when it is addressed by slug, then the enrollment uses its id', async () => {
    await expect(bed.enroll.execute({ learnerId: uniqueId('learner'), roadmapIdOrSlug: uniqueId('nope') }, new Date())).rejects.toMatchObject({
      code: 'PROGRESS.ROADMAP_NOT_FOUND',
      kind: 'not-found',
    });
    const slug = uniqueId('slug');
    const roadmapId = `roadmap:${slug}`;
    await bed.publish(roadmapPublished(roadmapId, 1, { slug }));
    const enrollment = await bed.enroll.execute({ learnerId: uniqueId('learner'), roadmapIdOrSlug: slug }, new Date());
    expect(enrollment.state.roadmapId).toBe(roadmapId);
  });
});
