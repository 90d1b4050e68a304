import { LearnerEnrolled, SkillStatusChanged } from '@pathwise/contracts';
import { Enrollment, EnrollmentVersionConflictError, enrollmentStreamId } from '@pathwise/progress/domain';
import { createProgressTestBed, roadmapPublished, uniqueId, type ProgressTestBed } from '../../testing';

describe('event store (real PostgreSQL)', () => {
  let bed: ProgressTestBed;
  const roadmapId = uniqueId('roadmap');

  beforeAll(async () => {
    bed = await createProgressTestBed('event_store', { snapshotEvery: 5 });
    await bed.publish(roadmapPublished(roadmapId, 1));
  });

  afterAll(async () => {
    await bed?.dispose();
  });

  it('when two commands change the same enrollment concurrently, then exactly one commits and the other is a version conflict', async () => {
    const learnerId = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());

    const results = await Promise.allSettled([
      bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId: 'skill:git', status: 'completed', expectedVersion: 1 }, new Date()),
      bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId: 'skill:linux', status: 'in-progress', expectedVersion: 1 }, new Date()),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected?.reason).toBeInstanceOf(EnrollmentVersionConflictError);
    expect(rejected?.reason).toMatchObject({ code: 'PROGRESS.VERSION_CONFLICT', kind: 'conflict' });
    const versions = await bed.dataSource.query('SELECT version FROM event_store WHERE stream_id = $1 ORDER BY version', [enrollmentStreamId(learnerId, roadmapId)]);
    expect(versions).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it('when commands race without an expected version, then the store still admits one append per version and the loser is a conflict', async () => {
    const learnerId = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());
    const skills = ['skill:http', 'skill:linux', 'skill:git', 'skill:sql', 'skill:docker', 'skill:caching'];

    const results = await Promise.allSettled(skills.map((skillId) => bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId, status: 'in-progress' }, new Date())));

    const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    for (const failure of failures) expect(failure.reason).toBeInstanceOf(EnrollmentVersionConflictError);
    const rows: { version: number }[] = await bed.dataSource.query('SELECT version FROM event_store WHERE stream_id = $1 ORDER BY version', [enrollmentStreamId(learnerId, roadmapId)]);
    // Gap-free history: every success appended exactly the next version.
    expect(rows.map((row) => row.version)).toEqual(Array.from({ length: 1 + skills.length - failures.length }, (_, i) => i + 1));
  });

  it('when two enrollments of the same learner and roadmap race, then one is created and the other is a conflict', async () => {
    const learnerId = uniqueId('learner');
    const results = await Promise.allSettled([1, 2].map(() => bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date())));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [rejected] = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ kind: 'conflict' });
    const [{ count }] = await bed.dataSource.query("SELECT count(*)::int AS count FROM event_store WHERE stream_id = $1 AND type = 'Enrolled'", [enrollmentStreamId(learnerId, roadmapId)]);
    expect(count).toBe(1);
  });

  it('when a stream crosses every 5th event, then a snapshot is kept and loading from it equals replaying every event', async () => {
    const learnerId = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());
    for (const skillId of ['skill:http', 'skill:linux', 'skill:git', 'skill:sql', 'skill:nosql', 'skill:docker']) {
      await bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId, status: 'completed' }, new Date());
    }
    const streamId = enrollmentStreamId(learnerId, roadmapId);

    const [snapshot] = await bed.dataSource.query('SELECT version FROM enrollment_snapshots WHERE stream_id = $1', [streamId]);
    expect(snapshot).toEqual({ version: 5 });
    const fromSnapshot = await bed.enrollments.load(bed.dataSource.manager, learnerId, roadmapId);
    const rows: { type: string; version: number; data: unknown; occurred_at: Date }[] = await bed.dataSource.query(
      'SELECT type, version, data, occurred_at FROM event_store WHERE stream_id = $1 ORDER BY version',
      [streamId],
    );
    const replayed = Enrollment.fromEvents(rows.map((row) => ({ type: row.type, version: row.version, data: row.data, occurredAt: row.occurred_at.toISOString() }) as never));
    expect(fromSnapshot.version).toBe(7);
    expect(fromSnapshot.state).toEqual(replayed.state);
  });

  it('when a command commits, then its outbox rows carry the enrollment id, versions and contracts in the same transaction', async () => {
    const learnerId = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());
    await bed.changeSkillStatus.execute({ learnerId, roadmapId, skillId: 'skill:git', status: 'completed' }, new Date());
    const streamId = enrollmentStreamId(learnerId, roadmapId);

    const rows: { event_type: string; aggregate_version: number; message_key: string; value: string }[] = await bed.dataSource.query(
      'SELECT event_type, aggregate_version, message_key, value FROM outbox WHERE message_key = $1 ORDER BY aggregate_version',
      [streamId],
    );
    expect(rows.map((row) => [row.event_type, row.aggregate_version])).toEqual([
      [LearnerEnrolled.type, 1],
      [SkillStatusChanged.type, 2],
    ]);
    expect(JSON.parse(rows[1]?.value as string)).toMatchObject({ enrollmentId: streamId, learnerId, roadmapId, skillId: 'skill:git', status: 'completed', previousStatus: 'pending', source: 'learner' });
  });

  it('when the transaction fails after the events were appended, then neither the events nor the outbox rows persist', async () => {
    const learnerId = uniqueId('learner');
    await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmapId }, new Date());
    const streamId = enrollmentStreamId(learnerId, roadmapId);

    await expect(
      bed.dataSource.transaction(async (manager) => {
        const enrollment = await bed.enrollments.load(manager, learnerId, roadmapId);
        enrollment.completeSkill('skill:git', new Date());
        await bed.enrollments.save(manager, enrollment, {});
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');

    const [events] = await bed.dataSource.query('SELECT count(*)::int AS count FROM event_store WHERE stream_id = $1', [streamId]);
    const [outbox] = await bed.dataSource.query('SELECT count(*)::int AS count FROM outbox WHERE message_key = $1', [streamId]);
    expect({ events: events.count, outbox: outbox.count }).toEqual({ events: 1, outbox: 1 });
  });
});
