import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@pathwise/platform/messaging';
import { Enrollment, enrollmentStreamId } from '@pathwise/progress/domain';
import type { EntityManager } from 'typeorm';
import { EventStore, type EventMetadata, type LoadedStream } from './event-store.repository';
import { integrationEvents } from './integration-events';

export const SNAPSHOT_EVERY = Symbol('SNAPSHOT_EVERY');

export interface OpenEnrollmentRef {
  readonly streamId: string;
  readonly learnerId: string;
  readonly roadmapId: string;
}

interface StreamIndexRow {
  stream_id: string;
  learner_id: string;
  roadmap_id: string;
}

/**
 * Loads enrollments from their event streams and saves what a command recorded: events, a
 * snapshot every N events, the write-side stream index and the outbox rows — all with the
 * caller's EntityManager, so they commit together with nothing else in between.
 */
@Injectable()
export class EnrollmentRepository {
  constructor(
    private readonly store: EventStore,
    private readonly outbox: Outbox,
    @Inject(SNAPSHOT_EVERY) private readonly snapshotEvery: number,
  ) {}

  async load(manager: EntityManager, learnerId: string, roadmapId: string): Promise<Enrollment> {
    return this.loadStream(manager, enrollmentStreamId(learnerId, roadmapId));
  }

  async loadStream(manager: EntityManager, streamId: string): Promise<Enrollment> {
    return fromLoaded(await this.store.load(manager, streamId));
  }

  /** Several streams in one round trip, in the order of `streamIds`. */
  async loadStreams(manager: EntityManager, streamIds: readonly string[]): Promise<Enrollment[]> {
    const loaded = await this.store.loadMany(manager, streamIds);
    return streamIds.map((streamId) => fromLoaded(loaded.get(streamId) as LoadedStream));
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
    // Same transaction as the Unenrolled event, so the `open` filter of the index never lags the stream.
    if (events.some((event) => event.type === 'Unenrolled')) {
      await manager.query('UPDATE enrollment_streams SET open = false WHERE stream_id = $1', [streamId]);
    }

    for (const event of integrationEvents({ enrollmentId: streamId, learnerId, roadmapId }, events, enrollment.pendingStatusChanges)) {
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
  }

  /** The learner's open enrollments other than `exceptStreamId`, from the write-side index. */
  async openEnrollmentsOfLearner(manager: EntityManager, learnerId: string, exceptStreamId: string): Promise<OpenEnrollmentRef[]> {
    const rows: StreamIndexRow[] = await manager.query(
      'SELECT stream_id, learner_id, roadmap_id FROM enrollment_streams WHERE learner_id = $1 AND open AND stream_id <> $2 ORDER BY stream_id',
      [learnerId, exceptStreamId],
    );
    return rows.map(toOpenEnrollmentRef);
  }

  async openEnrollmentsOfRoadmap(manager: EntityManager, roadmapId: string): Promise<OpenEnrollmentRef[]> {
    const rows: StreamIndexRow[] = await manager.query(
      'SELECT stream_id, learner_id, roadmap_id FROM enrollment_streams WHERE roadmap_id = $1 AND open ORDER BY stream_id',
      [roadmapId],
    );
    return rows.map(toOpenEnrollmentRef);
  }
}

function fromLoaded({ snapshot, events }: LoadedStream): Enrollment {
  return snapshot ? Enrollment.fromSnapshot(snapshot, events) : Enrollment.fromEvents(events);
}

function toOpenEnrollmentRef(row: StreamIndexRow): OpenEnrollmentRef {
  return { streamId: row.stream_id, learnerId: row.learner_id, roadmapId: row.roadmap_id };
}
