import { ENROLLMENT_SNAPSHOT_SCHEMA, Enrollment, summarizeEnrollment, type EnrollmentEvent, type EnrollmentState } from '@pathwise/progress/domain';
import type { EntityManager } from 'typeorm';

export const READ_MODELS_PROJECTION = 'progress-read-models';

/** One event-store row as projectors read it, in (transaction_id, position) order. */
export interface StoredEventRow {
  position: string;
  transaction_id: string;
  stream_id: string;
  version: number;
  type: EnrollmentEvent['type'];
  data: Record<string, unknown>;
  occurred_at: Date;
  recorded_at: Date;
}

/**
 * The columns projectors read; one place so the live projector and the rebuild read the same.
 * `transaction_id` comes out as text (xid8 exceeds a JS number's exact range), so queries that use
 * these columns must qualify the column in WHERE and ORDER BY, or they compare the text.
 */
export const STORED_EVENT_COLUMNS = 'position, transaction_id::text AS transaction_id, stream_id, version, type, data, occurred_at, recorded_at';

/**
 * Moves the read-models checkpoint to an event's (transaction id, position); the caller holds the
 * checkpoint row locked (live batch or rebuild), so the move commits with the rows it covers.
 */
export async function moveCheckpoint(manager: EntityManager, transactionId: string, position: string): Promise<void> {
  await manager.query('UPDATE projection_checkpoints SET transaction_id = $2::xid8, position = $3, updated_at = now() WHERE name = $1', [
    READ_MODELS_PROJECTION,
    transactionId,
    position,
  ]);
}

// Only events a learner would call progress count as activity (streaks, "last active").
const ACTIVITY = new Set(['SkillStarted', 'SkillCompleted']);

interface ProgressRow {
  stream_id: string;
  version: number;
  state: EnrollmentState;
  last_activity_at: Date;
}

/**
 * Folds newly committed events into the read models — per-enrollment progress and the learner
 * timeline — with set-based upserts, and answers the events it applied.
 *
 * `discovered` is only a change feed: it names the streams that moved. Each of those streams is
 * then caught up from the store by version. The global (transaction id, position) order is not
 * causal across transactions — a command that took its transaction id early can append version
 * n + 1 with a lower id than the transaction that appended n — whereas within a stream the
 * committed versions are always a gap-free prefix, because appending n + 1 requires having read n.
 * Idempotent: events at or below a row's version are skipped and timeline rows are keyed by position.
 */
export async function projectEvents(manager: EntityManager, discovered: readonly StoredEventRow[]): Promise<StoredEventRow[]> {
  if (discovered.length === 0) return [];
  const streamIds = [...new Set(discovered.map((row) => row.stream_id))];
  const existing: ProgressRow[] = await manager.query('SELECT stream_id, version, state, last_activity_at FROM enrollment_progress WHERE stream_id = ANY($1)', [streamIds]);
  const current = new Map(existing.map((row) => [row.stream_id, row]));
  // The projected versions just read are passed in rather than read again per event; the caller
  // holds the checkpoint lock, so no other batch moves them in between. The unnest columns are
  // named apart from STORED_EVENT_COLUMNS' unqualified `stream_id` and `version`.
  const pending: StoredEventRow[] = await manager.query(
    `SELECT ${STORED_EVENT_COLUMNS} FROM event_store e
       JOIN unnest($1::text[], $2::integer[]) AS projected(id, projected_version) ON e.stream_id = projected.id
      WHERE e.stream_id = ANY($1) AND e.version > projected.projected_version
      ORDER BY e.stream_id, e.version`,
    [streamIds, streamIds.map((streamId) => current.get(streamId)?.version ?? 0)],
  );
  if (pending.length === 0) return [];
  const byStream = new Map<string, StoredEventRow[]>();
  for (const row of pending) {
    const events = byStream.get(row.stream_id);
    if (events) events.push(row);
    else byStream.set(row.stream_id, [row]);
  }

  const progress: Record<string, unknown>[] = [];
  const timeline: Record<string, unknown>[] = [];
  for (const [streamId, fresh] of byStream) {
    const before = current.get(streamId);
    const events = fresh.map(toDomainEvent);
    const enrollment = before
      ? Enrollment.fromSnapshot({ schema: ENROLLMENT_SNAPSHOT_SCHEMA, version: before.version, state: before.state }, events)
      : Enrollment.fromEvents(events);
    const state = enrollment.state;
    const summary = summarizeEnrollment(state);
    const activity = fresh.filter((row) => ACTIVITY.has(row.type)).map((row) => row.occurred_at.getTime());
    const lastActivity = Math.max(before?.last_activity_at.getTime() ?? Date.parse(state.enrolledAt), ...activity);
    progress.push({
      stream_id: streamId,
      learner_id: state.learnerId,
      roadmap_id: state.roadmapId,
      roadmap_version: state.roadmapVersion,
      version: enrollment.version,
      state,
      summary,
      done: summary.overall.done,
      total: summary.overall.total,
      known: summary.overall.known,
      skipped: summary.overall.skipped,
      in_progress: summary.overall.inProgress,
      pending: summary.overall.pending,
      enrolled_at: state.enrolledAt,
      completed_at: state.completedAt,
      unenrolled_at: state.unenrolledAt,
      last_activity_at: new Date(lastActivity).toISOString(),
    });
    for (const row of fresh) {
      timeline.push({
        position: row.position,
        learner_id: state.learnerId,
        roadmap_id: state.roadmapId,
        stream_id: streamId,
        version: row.version,
        type: row.type,
        skill_id: typeof row.data['skillId'] === 'string' ? row.data['skillId'] : null,
        data: timelineData(row),
        occurred_at: row.occurred_at.toISOString(),
      });
    }
  }

  await manager.query(
    `INSERT INTO enrollment_progress (stream_id, learner_id, roadmap_id, roadmap_version, version, state, summary, done, total, known, skipped,
       in_progress, pending, enrolled_at, completed_at, unenrolled_at, last_activity_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(stream_id text, learner_id text, roadmap_id text, roadmap_version integer, version integer,
       state jsonb, summary jsonb, done integer, total integer, known integer, skipped integer, in_progress integer, pending integer,
       enrolled_at timestamptz, completed_at timestamptz, unenrolled_at timestamptz, last_activity_at timestamptz)
     ON CONFLICT (stream_id) DO UPDATE SET roadmap_version = EXCLUDED.roadmap_version, version = EXCLUDED.version, state = EXCLUDED.state,
       summary = EXCLUDED.summary, done = EXCLUDED.done, total = EXCLUDED.total, known = EXCLUDED.known, skipped = EXCLUDED.skipped,
       in_progress = EXCLUDED.in_progress, pending = EXCLUDED.pending, completed_at = EXCLUDED.completed_at,
       unenrolled_at = EXCLUDED.unenrolled_at, last_activity_at = EXCLUDED.last_activity_at
     WHERE enrollment_progress.version < EXCLUDED.version`,
    [JSON.stringify(progress)],
  );
  await manager.query(
    `INSERT INTO progress_timeline (position, learner_id, roadmap_id, stream_id, version, type, skill_id, data, occurred_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS t(position bigint, learner_id text, roadmap_id text, stream_id text, version integer,
       type text, skill_id text, data jsonb, occurred_at timestamptz)
     ON CONFLICT (position) DO NOTHING`,
    [JSON.stringify(timeline)],
  );
  return pending;
}

function toDomainEvent(row: StoredEventRow): EnrollmentEvent {
  return { type: row.type, version: row.version, occurredAt: row.occurred_at.toISOString(), data: row.data } as EnrollmentEvent;
}

// The timeline shows what happened, not the whole roadmap structure that Enrolled and version adoption carry.
function timelineData(row: StoredEventRow): Record<string, unknown> {
  const { structure: _structure, learnerId: _learnerId, ...rest } = row.data;
  return rest;
}
