import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Resume uploads and their analyses (docs/resume-analysis.md). */
export class ResumeTables1765100000000 implements MigrationInterface {
  name = 'ResumeTables1765100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- Aliases from SkillUpdated, beside the name and signals it already overrides.
      ALTER TABLE skills ADD COLUMN aliases jsonb;

      CREATE TABLE resume_uploads (
        upload_id uuid PRIMARY KEY,
        learner_id text NOT NULL,
        -- The gateway's Idempotency-Key, passed through: a retried upload finds the first one.
        idempotency_key text,
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        sha256 text NOT NULL,
        -- The raw file: NULL once the analysis ended, unless the learner chose to keep it.
        content bytea,
        keep_content boolean NOT NULL DEFAULT false,
        status text NOT NULL CHECK (status IN ('received', 'analyzing', 'analyzed', 'failed')),
        failure jsonb,
        received_at timestamptz NOT NULL DEFAULT now(),
        content_deleted_at timestamptz
      );
      CREATE INDEX resume_uploads_learner_idx ON resume_uploads (learner_id);
      CREATE UNIQUE INDEX resume_uploads_idempotency_idx ON resume_uploads (learner_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

      CREATE TABLE resume_analyses (
        upload_id uuid PRIMARY KEY REFERENCES resume_uploads (upload_id) ON DELETE CASCADE,
        learner_id text NOT NULL,
        result jsonb NOT NULL,
        -- The normalised text the evidence offsets point into: only when the learner keeps it.
        text text,
        analyzed_at timestamptz NOT NULL
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE resume_analyses, resume_uploads');
    await runner.query('ALTER TABLE skills DROP COLUMN aliases');
  }
}
