import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@pathwise/platform/messaging';
import { Enrollment, enrollmentStreamId, type SkillStatus } from '@pathwise/progress/domain';
import type { EntityManager } from 'typeorm';
import { EventStore, type EventMetadata } from './event-store.repository';
import { integrationEvents } from './integration-events';

export const SNAPSHOT_EVERY = Symbol('SNAPSHOT_EVERY');

export interface OpenEnrollmentRef {
  readonly streamId: string;
  readonly learnerId: string;
  readonly roadmapId: string;
}

/**
 * Loads enrollments from their event streams and saves what a command recorded: events, a
 * snapshot every N events, the write-side stream index and the outbox rows — all with the
 * caller's EntityManager, so they commit together with nothing else in between.
 */
@Injectable()
export class EnrollmentRepository {
  // Statuses as loaded, so `save` can tell consumers what each change replaced.
  private readonly loadedStatuses = new WeakMap<Enrollment, ReadonlyMap<string, SkillStatus>>();

  constructor(
    private readonly store: EventStore,
    private readonly outbox: Outbox,
    @Inject(SNAPSHOT_EVERY) private readonly snapshotEvery: number,
  ) {}

  async load(manager: EntityManager, learnerId: string, roadmapId: string): Promise<Enrollment> {
    return this.loadStream(manager, enrollmentStreamId(learnerId, roadmapId));
  }

  async loadStream(manager: EntityManager, streamId: string): Promise<Enrollment> {
    const { snapshot, events } = await this.store.load(manager, streamId);
    const enrollment = snapshot ? Enrollment.fromSnapshot(snapshot, events) : Enrollment.fromEvents(events);
    this.loadedStatuses.set(enrollment, new Map(enrollment.exists ? enrollment.state.skills.map((skill) => [skill.skillId, skill.status]) : []));
    return enrollment;
  }

  async save(manager: EntityManager, enrollment: Enrollment, metadata: EventMetadata): Promise<void> {
    const events = enrollment.pendingEvents;
    if (events.length === 0) return;
    const streamId = enrollment.id;
    const expectedVersion = enrollment.committedVersion;
    await this.store.append(manager, streamId, expectedVersion, events, metadata);

    if (Math.floor(enrollment.version / this.snapshotEvery) > Math.floor(expectedVersion / this.snapshotEvery)) {
      await this.store.saveSnapshot(manager, streamId, enrollment.toSnapshot());
    }
    const { learnerId, roadmapId } = enrollment.state;
    if (events.some((event) => event.type === 'Enrolled')) {
      await manager.query('INSERT INTO enrollment_streams (stream_id, learner_id, roadmap_id) VALUES ($1, $2, $3)', [streamId, learnerId, roadmapId]);
    }
    if (events.some((event) => event.type === 'Unenrolled')) {
      await manager.query('UPDATE enrollment_streams SET open = false WHERE stream_id = $1', [streamId]);
    }

    const loaded = this.loadedStatuses.get(enrollment);
    for (const event of integrationEvents(enrollment, (skillId) => loaded?.get(skillId), events)) {
      await this.outbox.append(manager, event.contract, {
        subject: streamId,
        aggregateVersion: event.aggregateVersion,
        data: event.data,
        time: event.time,
        ...(metadata.correlationId ? { correlationId: metadata.correlationId } : {}),
        ...(metadata.causationId ? { causationId: metadata.causationId } : {}),
      });
    }
    enrollment.markCommitted();
    this.loadedStatuses.set(enrollment, new Map(enrollment.state.skills.map((skill) => [skill.skillId, skill.status])));
  }

  /** The learner's open enrollments other than `exceptStreamId`, from the write-side index. */
  async openEnrollmentsOfLearner(manager: EntityManager, learnerId: string, exceptStreamId: string): Promise<OpenEnrollmentRef[]> {
    const rows: { stream_id: string; learner_id: string; roadmap_id: string }[] = await manager.query(
      'SELECT stream_id, learner_id, roadmap_id FROM enrollment_streams WHERE learner_id = $1 AND open AND stream_id <> $2 ORDER BY stream_id',
      [learnerId, exceptStreamId],
    );
    return rows.map((row) => ({ streamId: row.stream_id, learnerId: row.learner_id, roadmapId: row.roadmap_id }));
  }

  async openEnrollmentsOfRoadmap(manager: EntityManager, roadmapId: string): Promise<OpenEnrollmentRef[]> {
    const rows: { stream_id: string; learner_id: string; roadmap_id: string }[] = await manager.query(
      'SELECT stream_id, learner_id, roadmap_id FROM enrollment_streams WHERE roadmap_id = $1 AND open ORDER BY stream_id',
      [roadmapId],
    );
    return rows.map((row) => ({ streamId: row.stream_id, learnerId: row.learner_id, roadmapId: row.roadmap_id }));
  }
}
