import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The learner profile the onboarding saga sets, its completed onboardings and the saga's idempotency records (ADR 0060). */
export class OnboardingTables1801000000000 implements MigrationInterface {
  name = 'OnboardingTables1801000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- Plain state, not an event stream: it holds preferences, no invariant across commands.
      CREATE TABLE learner_profiles (
        learner_id text PRIMARY KEY,
        time_zone text NOT NULL,
        weekly_hours integer CHECK (weekly_hours BETWEEN 1 AND 168),
        goal_skill_id text,
        onboarded_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- One row per onboarding run: the key makes a repeated completion append nothing.
      CREATE TABLE learner_onboardings (
        learner_id text NOT NULL,
        workflow_id text NOT NULL,
        roadmap_id text NOT NULL,
        known_skills integer NOT NULL,
        onboarded_at timestamptz NOT NULL,
        PRIMARY KEY (learner_id, workflow_id)
      );

      -- The first answer to each Idempotency-Key, written in the command's transaction. A retry
      -- blocks on the primary key until the first commits, then reads its answer.
      CREATE TABLE internal_requests (
        learner_id text NOT NULL,
        idempotency_key text NOT NULL,
        fingerprint text NOT NULL,
        status integer,
        body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (learner_id, idempotency_key)
      );
      CREATE INDEX internal_requests_created_idx ON internal_requests (created_at);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE internal_requests, learner_onboardings, learner_profiles');
  }
}
