import { Injectable } from '@nestjs/common';
import { ENROLLMENT_SNAPSHOT_SCHEMA, EnrollmentVersionConflictError, type EnrollmentEvent, type EnrollmentSnapshot } from '@pathwise/progress/domain';
import { type EntityManager, QueryFailedError } from 'typeorm';

/** Who and what caused an append; kept with each event for tracing, never replayed. */
export interface EventMetadata {
  readonly correlationId?: string;
  readonly causationId?: string;
  /** The principal (or `catalog` for version adoption) that issued the command. */
  readonly actor?: string;
}

export interface LoadedStream {
  readonly snapshot?: EnrollmentSnapshot;
  /** Events after the snapshot (all of them when there is none), in version order. */
  readonly events: EnrollmentEvent[];
}

interface StreamRow {
  kind: 'snapshot' | 'event';
  stream_id: string;
  version: number;
  type: string | null;
  data: unknown;
  occurred_at: Date | null;
}

const STREAM_VERSION_KEY = 'event_store_stream_version_key';

/**
 * Append-only storage of enrollment events in Postgres. Optimistic concurrency lives in the
 * unique (stream_id, version) constraint: of two commands that loaded the same version, the
 * second append violates it and becomes a version conflict — never an overwrite.
 */
@Injectable()
export class EventStore {
  /** The latest usable snapshot and the events after it, in one round trip. */
  async load(manager: EntityManager, streamId: string): Promise<LoadedStream> {
    return (await this.loadMany(manager, [streamId])).get(streamId) as LoadedStream;
  }

  /**
   * `load` for several streams in one round trip (no query per stream); every id requested has
   * an entry, with no events when the stream is empty.
   */
  async loadMany(manager: EntityManager, streamIds: readonly string[]): Promise<Map<string, LoadedStream>> {
    const loaded = new Map<string, { snapshot?: EnrollmentSnapshot; events: EnrollmentEvent[] }>(streamIds.map((streamId) => [streamId, { events: [] }]));
    if (streamIds.length === 0) return loaded;
    // Per stream: the snapshot (if any) sorts before the events after it.
    const rows: StreamRow[] = await manager.query(
      `WITH snap AS (SELECT stream_id, version, state FROM enrollment_snapshots WHERE stream_id = ANY($1) AND schema = $2)
       SELECT 'snapshot' AS kind, stream_id, version, NULL AS type, state AS data, NULL::timestamptz AS occurred_at FROM snap
       UNION ALL
       SELECT 'event', e.stream_id, e.version, e.type, e.data, e.occurred_at FROM event_store e
         LEFT JOIN snap s ON s.stream_id = e.stream_id
        WHERE e.stream_id = ANY($1) AND e.version > COALESCE(s.version, 0)
       ORDER BY 2, 3, 1 DESC`,
      [[...new Set(streamIds)], ENROLLMENT_SNAPSHOT_SCHEMA],
    );
    for (const row of rows) {
      const stream = loaded.get(row.stream_id) as { snapshot?: EnrollmentSnapshot; events: EnrollmentEvent[] };
      if (row.kind === 'snapshot') {
        stream.snapshot = { schema: ENROLLMENT_SNAPSHOT_SCHEMA, version: row.version, state: row.data as EnrollmentSnapshot['state'] };
      } else {
        stream.events.push({ type: row.type, version: row.version, occurredAt: (row.occurred_at as Date).toISOString(), data: row.data } as EnrollmentEvent);
      }
    }
    return loaded;
  }

  /** Appends `events` (numbered expectedVersion + 1, …) or throws a version conflict. */
  async append(manager: EntityManager, streamId: string, expectedVersion: number, events: readonly EnrollmentEvent[], metadata: EventMetadata): Promise<void> {
    if (events.length === 0) return;
    if (events[0]?.version !== expectedVersion + 1) throw new EnrollmentVersionConflictError(expectedVersion);
    try {
      await manager.query(
        `INSERT INTO event_store (stream_id, version, type, data, metadata, occurred_at)
         SELECT $1, e.version, e.type, e.data, $3::jsonb, e.occurred_at
           FROM jsonb_to_recordset($2::jsonb) AS e(version integer, type text, data jsonb, occurred_at timestamptz)`,
        [streamId, JSON.stringify(events.map((event) => ({ version: event.version, type: event.type, data: event.data, occurred_at: event.occurredAt }))), JSON.stringify(metadata)],
      );
    } catch (error) {
      if (isStreamVersionConflict(error)) throw new EnrollmentVersionConflictError(expectedVersion);
      throw error;
    }
  }

  /** Keeps only the newest snapshot per stream; an older one never replaces a newer one. */
  async saveSnapshot(manager: EntityManager, streamId: string, snapshot: EnrollmentSnapshot): Promise<void> {
    await manager.query(
      `INSERT INTO enrollment_snapshots (stream_id, version, schema, state) VALUES ($1, $2, $3, $4)
       ON CONFLICT (stream_id) DO UPDATE SET version = EXCLUDED.version, schema = EXCLUDED.schema, state = EXCLUDED.state, taken_at = now()
       WHERE enrollment_snapshots.version < EXCLUDED.version OR enrollment_snapshots.schema <> EXCLUDED.schema`,
      [streamId, snapshot.version, snapshot.schema, JSON.stringify(snapshot.state)],
    );
  }
}

function isStreamVersionConflict(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === STREAM_VERSION_KEY;
}
