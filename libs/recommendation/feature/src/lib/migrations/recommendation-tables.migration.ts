import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The recommendation service's read models, fed only by catalog and progress events (docs/patterns/choreography.md). */
export class RecommendationTables1765000000000 implements MigrationInterface {
  name = 'RecommendationTables1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      -- Every published version, as the graph the recommender reads (stages, priorities, edges).
      CREATE TABLE roadmap_versions (
        roadmap_id text NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        graph jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (roadmap_id, version)
      );
      CREATE TABLE roadmaps (
        roadmap_id text PRIMARY KEY,
        slug text NOT NULL,
        current_version integer NOT NULL,
        retired_at timestamptz
      );
      CREATE INDEX roadmaps_slug_idx ON roadmaps (slug);

      -- Names and market signals change without a new roadmap version (SkillUpdated): the latest wins.
      CREATE TABLE skills (
        skill_id text PRIMARY KEY,
        name text NOT NULL,
        signals jsonb,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE enrollments (
        enrollment_id text PRIMARY KEY,
        learner_id text NOT NULL,
        roadmap_id text NOT NULL,
        state text NOT NULL CHECK (state IN ('active', 'completed', 'left')),
        enrolled_at timestamptz NOT NULL
      );
      CREATE INDEX enrollments_learner_idx ON enrollments (learner_id);
      CREATE INDEX enrollments_open_roadmap_idx ON enrollments (roadmap_id) WHERE state <> 'left';

      -- Per enrollment, as progress reports it; the learner's status of a skill merges all of them.
      CREATE TABLE skill_states (
        enrollment_id text NOT NULL,
        skill_id text NOT NULL,
        learner_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'in-progress', 'completed', 'skipped', 'known')),
        changed_at timestamptz NOT NULL,
        PRIMARY KEY (enrollment_id, skill_id)
      );
      CREATE INDEX skill_states_learner_idx ON skill_states (learner_id);

      -- What was last computed and published per learner and roadmap.
      CREATE TABLE learner_recommendations (
        learner_id text NOT NULL,
        roadmap_id text NOT NULL,
        roadmap_version integer NOT NULL,
        next jsonb NOT NULL,
        version integer NOT NULL,
        computed_at timestamptz NOT NULL,
        PRIMARY KEY (learner_id, roadmap_id)
      );

      -- A new roadmap version queues its learners here; a worker recomputes them in small batches.
      CREATE TABLE pending_recomputes (
        learner_id text NOT NULL,
        roadmap_id text NOT NULL,
        queued_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (learner_id, roadmap_id)
      );
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE pending_recomputes, learner_recommendations, skill_states, enrollments, skills, roadmaps, roadmap_versions');
  }
}
