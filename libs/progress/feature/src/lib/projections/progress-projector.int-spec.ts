import { Registry } from 'prom-client';
import { createProgressTestBed, roadmapPublished, uniqueId, type ProgressTestBed } from '../../testing';
import { ProgressProjector } from './progress-projector';
import { ProjectionMetrics } from './projection-metrics';

describe('progress projector (real PostgreSQL)', () => {
  let bed: ProgressTestBed;
  const roadmapId = uniqueId('roadmap');

  beforeAll(async () => {
    bed = await createProgressTestBed('projector');
    await bed.publish(roadmapPublished(roadmapId, 1));
  });

  afterAll(async () => {
    await bed?.dispose();
  });

  it('when a transaction with an older id appends version n + 1 after a younger one appended n, then the projector still applies both in version order', async () => {
    const learnerId = uniqueId('learner');
    const otherLearner = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());
    await bed.enroll.execute({ learnerId: otherLearner, roadmapIdOrSlug: roadmapId }, new Date());
    await bed.projector.catchUp();

    // The older transaction takes its id first by writing another stream…
    const older = bed.dataSource.createQueryRunner();
    await older.connect();
    await older.startTransaction();
    const elsewhere = await bed.enrollments.load(older.manager, otherLearner, roadmapId);
    elsewhere.startSkill('skill:http', new Date());
    await bed.enrollments.save(older.manager, elsewhere, {});
    // …a younger one appends version 2 of the learner's stream and commits…
    await bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId: 'skill:git', status: 'in-progress' }, new Date());
    // …and the older one, having read version 2, appends version 3 with the lower transaction id.
    const enrollment = await bed.enrollments.load(older.manager, learnerId, roadmapId);
    enrollment.completeSkill('skill:git', new Date());
    await bed.enrollments.save(older.manager, enrollment, {});
    await older.commitTransaction();
    await older.release();

    const oneAtATime = new ProgressProjector(bed.dataSource, new ProjectionMetrics(new Registry(), bed.dataSource), { enabled: false, databaseUrl: '', batchSize: 1 });
    await oneAtATime.catchUp();

    const view = await bed.reads.enrollmentOf(learnerId, roadmapId);
    expect(view?.version).toBe(3);
    expect(view?.summary.overall).toMatchObject({ done: 1, inProgress: 0 });
    const timeline = await bed.reads.timelineOf(learnerId, { limit: 10 });
    expect(timeline.map((entry) => entry.version).sort()).toEqual([1, 2, 3]);
  });

  it('when a batch is replayed from an older checkpoint, then nothing is applied twice', async () => {
    const learnerId = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());
    await bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId: 'skill:git', status: 'completed' }, new Date());
    await bed.projector.catchUp();
    const before = await bed.reads.enrollmentOf(learnerId, roadmapId);

    await bed.dataSource.query("UPDATE projection_checkpoints SET transaction_id = '0', position = 0");
    await bed.projector.catchUp();

    expect(await bed.reads.enrollmentOf(learnerId, roadmapId)).toEqual(before);
    expect(await bed.reads.timelineOf(learnerId, { limit: 10 })).toHaveLength(2);
  });

  it('when transaction ids cross a digit boundary (9, 10, 100), then the scan reads every event in numeric order and the checkpoint ends at the highest', async () => {
    const digits = await createProgressTestBed('projector_digits');
    try {
      await digits.publish(roadmapPublished(roadmapId, 1));
      const learnerId = uniqueId('learner');
      await digits.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());
      await digits.changeSkillStatus.execute({ learnerId, roadmapId, skillId: 'skill:git', status: 'in-progress' }, new Date());
      await digits.changeSkillStatus.execute({ learnerId, roadmapId, skillId: 'skill:git', status: 'completed' }, new Date());
      // A young cluster's ids pass 9999 → 10000 within minutes; pin three that sort differently as text.
      await digits.dataSource.query(`UPDATE event_store SET transaction_id = (ARRAY['9', '10', '100'])[version]::xid8`);

      const oneAtATime = new ProgressProjector(digits.dataSource, new ProjectionMetrics(new Registry(), digits.dataSource), { enabled: false, databaseUrl: '', batchSize: 1 });
      expect(await oneAtATime.catchUp()).toBe(3);
      const [checkpoint] = await digits.dataSource.query('SELECT transaction_id::text AS transaction_id FROM projection_checkpoints');
      expect(checkpoint.transaction_id).toBe('100');
      expect((await digits.rebuild.execute()).events).toBe(3);
    } finally {
      await digits.dispose();
    }
  });
});
