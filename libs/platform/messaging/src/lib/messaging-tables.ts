import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox and inbox tables, identical in every service database. Each service lists this
 * migration among its own, so the tables live beside the business tables they share
 * transactions with.
 */
export const MESSAGING_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS outbox (
  id uuid PRIMARY KEY,
  position bigserial NOT NULL,
  topic text NOT NULL,
  message_key text NOT NULL,
  event_type text NOT NULL,
  aggregate_version integer NOT NULL,
  value text NOT NULL,
  headers jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'published', 'parked')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  available_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_pending_idx ON outbox (position) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS outbox_parked_idx ON outbox (topic, message_key) WHERE status = 'parked';
CREATE INDEX IF NOT EXISTS outbox_published_idx ON outbox (published_at) WHERE status = 'published';

-- NOTIFY is delivered on commit, so the relay wakes exactly when new rows become visible.
CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS outbox_notify ON outbox;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

CREATE TABLE IF NOT EXISTS inbox (
  consumer_group text NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  topic text NOT NULL,
  subject text NOT NULL,
  aggregate_version integer NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'stale')),
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, event_id)
);
CREATE INDEX IF NOT EXISTS inbox_processed_idx ON inbox (processed_at);

CREATE TABLE IF NOT EXISTS inbox_versions (
  consumer_group text NOT NULL,
  topic text NOT NULL,
  subject text NOT NULL,
  version integer NOT NULL,
  PRIMARY KEY (consumer_group, topic, subject)
);
`;

export class MessagingTables1763683200000 implements MigrationInterface {
  name = 'MessagingTables1763683200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(MESSAGING_TABLES_SQL);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS inbox_versions; DROP TABLE IF EXISTS inbox; DROP TABLE IF EXISTS outbox; DROP FUNCTION IF EXISTS outbox_notify();');
  }
}

/**
 * Keys whose head event is in the retry topic or the dead-letter topic, and the later events of
 * those keys parked until the head is applied (ADR 0013). A separate migration because
 * MessagingTables may already be applied.
 */
export const HELD_KEYS_SQL = `
CREATE TABLE IF NOT EXISTS inbox_held_keys (
  consumer_group text NOT NULL,
  topic text NOT NULL,
  message_key text NOT NULL,
  head_event_id text NOT NULL,
  held_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, topic, message_key)
);

-- Ordered by the offset on the original topic: one key lives on one partition, so that offset is
-- the key's publish order however the event travelled here, and a second copy is a no-op.
CREATE TABLE IF NOT EXISTS inbox_held_events (
  consumer_group text NOT NULL,
  topic text NOT NULL,
  message_key text NOT NULL,
  original_offset bigint NOT NULL,
  event_id text NOT NULL,
  value bytea,
  headers jsonb NOT NULL,
  held_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer_group, topic, message_key, original_offset)
);
`;

export class MessagingHeldKeys1796428800000 implements MigrationInterface {
  name = 'MessagingHeldKeys1796428800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(HELD_KEYS_SQL);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS inbox_held_events; DROP TABLE IF EXISTS inbox_held_keys;');
  }
}
