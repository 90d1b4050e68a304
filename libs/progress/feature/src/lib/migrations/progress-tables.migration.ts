import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Event store, write-side indexes, the local catalog copy and the read models (see docs/patterns/event-sourcing-cqrs.md). */
export class ProgressTables1763900000000 implements MigrationInterface {
  name = 'ProgressTables1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- The source of truth: one row per event. (stream_id, version) is unique, so two commands
      -- that loaded the same version cannot both append: the database decides the race.
      CREATE TABLE event_store (
        position bigserial PRIMARY KEY,
        -- The appending transaction: projectors read only events of transactions older than every
        -- running one, so an event with a lower position that commits later is never skipped.
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT event_store_stream_version_key UNIQUE (stream_id, version)
      );
      CREATE INDEX event_store_projection_order_idx ON event_store (transaction_id, position);

      -- NOTIFY is delivered on commit: the projector wakes when new events become visible.
      CREATE FUNCTION event_store_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('progress_events', '');
        RETURN NULL;
      END $$;
      CREATE TRIGGER event_store_notify AFTER INSERT ON event_store FOR EACH STATEMENT EXECUTE FUNCTION event_store_notify();

      CREATE TABLE enrollment_snapshots (
        stream_id text PRIMARY KEY,
        version integer NOT NULL,
        schema integer NOT NULL,
        state jsonb NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT now()
      );

      -- Write-side index of streams, kept in the command transaction: which enrollments a learner
      -- has and which follow a roadmap, without waiting for a projection.
      CREATE TABLE enrollment_streams (
        stream_id text PRIMARY KEY,
        learner_id text NOT NULL,
        roadmap_id text NOT NULL,
        open boolean NOT NULL DEFAULT true
      );
      CREATE INDEX enrollment_streams_learner_idx ON enrollment_streams (learner_id) WHERE open;
      CREATE INDEX enrollment_streams_roadmap_idx ON enrollment_streams (roadmap_id) WHERE open;

      CREATE TABLE catalog_roadmaps (
        roadmap_id text PRIMARY KEY,
        slug text NOT NULL,
        title text NOT NULL,
        version integer NOT NULL,
        structure jsonb NOT NULL,
        skill_names jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        retired_at timestamptz
      );
      CREATE TABLE catalog_roadmap_versions (
        roadmap_id text NOT NULL,
        version integer NOT NULL,
        title text NOT NULL,
        structure jsonb NOT NULL,
        skill_names jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (roadmap_id, version)
      );

      CREATE TABLE projection_checkpoints (
        name text PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT '0',
        position bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO projection_checkpoints (name) VALUES ('progress-read-models');

      CREATE TABLE enrollment_progress (
        stream_id text PRIMARY KEY,
        learner_id text NOT NULL,
        roadmap_id text NOT NULL,
        roadmap_version integer NOT NULL,
        version integer NOT NULL,
        state jsonb NOT NULL,
        summary jsonb NOT NULL,
        done integer NOT NULL,
        total integer NOT NULL,
        known integer NOT NULL,
        skipped integer NOT NULL,
        in_progress integer NOT NULL,
        pending integer NOT NULL,
        enrolled_at timestamptz NOT NULL,
        completed_at timestamptz,
        unenrolled_at timestamptz,
        last_activity_at timestamptz NOT NULL
      );
      CREATE INDEX enrollment_progress_learner_idx ON enrollment_progress (learner_id, enrolled_at);

      CREATE TABLE progress_timeline (
        position bigint PRIMARY KEY,
        learner_id text NOT NULL,
        roadmap_id text NOT NULL,
        stream_id text NOT NULL,
        version integer NOT NULL,
        type text NOT NULL,
        skill_id text,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL
      );
      CREATE INDEX progress_timeline_learner_idx ON progress_timeline (learner_id, position DESC);
      CREATE INDEX progress_timeline_activity_idx ON progress_timeline (learner_id, occurred_at) WHERE type IN ('SkillStarted', 'SkillCompleted');
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE progress_timeline, enrollment_progress, projection_checkpoints, catalog_roadmap_versions, catalog_roadmaps,
        enrollment_streams, enrollment_snapshots, event_store;
      DROP FUNCTION event_store_notify();
    `);
  }
}
