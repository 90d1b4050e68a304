import { waitFor } from '@pathwise/platform/testing';
import { seededRandom } from '@pathwise/progress/domain/testing';
import { DomainError } from '@pathwise/shared/domain';
import type { Histogram } from 'prom-client';
import { createProgressTestBed, roadmapPublished, uniqueId, type ProgressTestBed } from '../../../testing';

const EVENTS = 10_000;
const SEED = Number(process.env['PROGRESS_REBUILD_SEED'] ?? 20251121);

const PROGRESS_COLUMNS = `stream_id, learner_id, roadmap_id, roadmap_version, version, state, summary, done, total, known, skipped, in_progress, pending,
  enrolled_at, completed_at, unenrolled_at, last_activity_at`;

async function readModels(bed: ProgressTestBed): Promise<{ progress: unknown[]; timeline: unknown[] }> {
  return {
    progress: await bed.dataSource.query(`SELECT ${PROGRESS_COLUMNS} FROM enrollment_progress ORDER BY stream_id`),
    timeline: await bed.dataSource.query('SELECT * FROM progress_timeline ORDER BY position'),
  };
}

async function eventCount(bed: ProgressTestBed): Promise<number> {
  const [{ count }] = await bed.dataSource.query('SELECT count(*)::int AS count FROM event_store');
  return count;
}

describe('projection rebuild (real PostgreSQL)', () => {
  let bed: ProgressTestBed;

  beforeAll(async () => {
    bed = await createProgressTestBed('rebuild', { snapshotEvery: 20 });
  });

  afterAll(async () => {
    await bed?.dispose();
  });

  it(`when ${EVENTS} random events were projected live, then a rebuild from scratch yields identical read models`, async () => {
    const next = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const shapes = [
      { stages: [['basics', ['http', 'git', 'linux']], ['data', ['sql', 'nosql', 'caching']]] },
      { stages: [['basics', ['linux', 'git']], ['ship', ['docker', 'kubernetes', 'ci-cd']]] },
      { stages: [['core', ['http', 'rest-api', 'sql', 'testing']], ['ops', ['docker', 'observability']]] },
    ] as const;
    const roadmaps = shapes.map((shape) => ({ id: uniqueId('roadmap'), shape, version: 1 }));
    for (const roadmap of roadmaps) await bed.publish(roadmapPublished(roadmap.id, 1, { stages: roadmap.shape.stages }));
    const learners = Array.from({ length: 60 }, () => uniqueId('learner'));
    const extraSkills = ['event-sourcing', 'graphql-grpc', 'message-queues'];
    const statuses = ['in-progress', 'completed', 'completed', 'skipped', 'pending', 'known'] as const;

    await bed.projector.start();
    let refused = 0;
    // Eight writers, each with its own learners; adoptions and cross-roadmap completions still collide.
    await Promise.all(
      Array.from({ length: 8 }, async (_, writer) => {
        const own = learners.filter((_, i) => i % 8 === writer);
        while ((await eventCount(bed)) < EVENTS) {
          for (let i = 0; i < 20; i += 1) {
            const learnerId = pick(own);
            const roadmap = pick(roadmaps);
            const roll = next();
            try {
              if (roll < 0.002 && writer === 0) {
                roadmap.version += 1;
                const options = next() < 0.5 ? { stages: roadmap.shape.stages, add: [pick(extraSkills)] } : { stages: roadmap.shape.stages, remove: [pick(roadmap.shape.stages[1][1])] };
                await bed.publish(roadmapPublished(roadmap.id, roadmap.version, options));
              } else if (roll < 0.004) {
                await bed.unenroll.execute({ learnerId, roadmapId: roadmap.id }, new Date());
              } else if (roll < 0.05) {
                await bed.enroll.execute({ learnerId, roadmapIdOrSlug: roadmap.id }, new Date());
              } else {
                const skill = pick([...roadmap.shape.stages.flatMap((stage) => stage[1]), ...extraSkills]);
                await bed.changeSkillStatus.execute({ learnerId, roadmapId: roadmap.id, skillId: `skill:${skill}`, status: pick(statuses) }, new Date());
              }
            } catch (error) {
              // Random commands break rules often (not enrolled, skill not in roadmap, version conflicts): those are refusals, not failures.
              if (!(error instanceof DomainError)) throw error;
              refused += 1;
            }
          }
        }
      }),
    );
    const total = await eventCount(bed);
    expect(total).toBeGreaterThanOrEqual(EVENTS);
    expect(refused).toBeGreaterThan(0);

    // Live projection caught up: every event is on the timeline.
    await waitFor(async () => (await bed.dataSource.query('SELECT count(*)::int AS count FROM progress_timeline'))[0].count, (count) => count === total, 60_000, 'live projection');
    await bed.projector.stop();
    const live = await readModels(bed);

    // The live read model agrees with the write side: each enrollment equals its replayed stream.
    for (const row of live.progress as { stream_id: string; version: number; state: unknown }[]) {
      const enrollment = await bed.enrollments.loadStream(bed.dataSource.manager, row.stream_id);
      expect({ version: row.version, state: row.state }).toEqual({ version: enrollment.version, state: JSON.parse(JSON.stringify(enrollment.state)) });
    }

    const result = await bed.rebuild.execute();
    const rebuilt = await readModels(bed);

    expect(result.events).toBe(total);
    expect(rebuilt.progress).toHaveLength(live.progress.length);
    expect(rebuilt.timeline).toHaveLength(total);
    expect(rebuilt).toEqual(live);
    const lag = (await (bed.metrics.getSingleMetric('progress_projection_lag_seconds') as Histogram).get()).values.find((value) => value.metricName === 'progress_projection_lag_seconds_count');
    expect(lag?.value).toBe(total);
  }, 240_000);

  it('when the projector runs again after a rebuild, then it resumes from the rebuilt checkpoint without duplicating anything', async () => {
    const before = await readModels(bed);
    expect(await bed.projector.catchUp()).toBe(0);
    expect(await readModels(bed)).toEqual(before);
    const [gaugeValue] = (await bed.metrics.getSingleMetric('progress_projection_backlog_age_seconds')?.get())?.values ?? [];
    expect(gaugeValue?.value).toBe(0);
  });
});
