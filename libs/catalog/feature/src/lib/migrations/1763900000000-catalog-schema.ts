import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog's tables. A roadmap row holds the editable draft (a document the aggregate owns);
 * every published version is stored normalized and never updated, so prerequisites live in
 * their own table, apart from any drawing, and queries (skill → roadmaps, search) use indexes.
 */
export class CatalogSchema1763900000000 implements MigrationInterface {
  name = 'CatalogSchema1763900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE skills (
        id text PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        description text NOT NULL,
        signals jsonb,
        revision integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
        ) STORED
      );
      CREATE INDEX skills_search_idx ON skills USING gin (search);

      CREATE TABLE roadmaps (
        id text PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('draft', 'published', 'retired')),
        version integer NOT NULL CHECK (version >= 0),
        revision integer NOT NULL CHECK (revision >= 1),
        draft jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE roadmap_versions (
        roadmap_id text NOT NULL REFERENCES roadmaps (id),
        version integer NOT NULL CHECK (version >= 1),
        title text NOT NULL,
        summary text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('role', 'skill')),
        tags text[] NOT NULL,
        published_at timestamptz NOT NULL,
        PRIMARY KEY (roadmap_id, version)
      );
      CREATE INDEX roadmap_versions_tags_idx ON roadmap_versions USING gin (tags);

      CREATE TABLE roadmap_stages (
        roadmap_id text NOT NULL,
        version integer NOT NULL,
        stage_id text NOT NULL,
        position integer NOT NULL CHECK (position >= 1),
        title text NOT NULL,
        summary text NOT NULL,
        PRIMARY KEY (roadmap_id, version, stage_id),
        UNIQUE (roadmap_id, version, position),
        FOREIGN KEY (roadmap_id, version) REFERENCES roadmap_versions (roadmap_id, version)
      );

      CREATE TABLE roadmap_skills (
        roadmap_id text NOT NULL,
        version integer NOT NULL,
        stage_id text NOT NULL,
        skill_id text NOT NULL REFERENCES skills (id),
        position integer NOT NULL CHECK (position >= 1),
        priority text NOT NULL CHECK (priority IN ('essential', 'recommended', 'optional')),
        PRIMARY KEY (roadmap_id, version, skill_id),
        UNIQUE (roadmap_id, version, stage_id, position),
        FOREIGN KEY (roadmap_id, version, stage_id) REFERENCES roadmap_stages (roadmap_id, version, stage_id)
      );
      CREATE INDEX roadmap_skills_skill_idx ON roadmap_skills (skill_id);

      CREATE TABLE skill_prerequisites (
        roadmap_id text NOT NULL,
        version integer NOT NULL,
        skill_id text NOT NULL,
        requires_skill_id text NOT NULL,
        PRIMARY KEY (roadmap_id, version, skill_id, requires_skill_id),
        CHECK (skill_id <> requires_skill_id),
        FOREIGN KEY (roadmap_id, version, skill_id) REFERENCES roadmap_skills (roadmap_id, version, skill_id),
        FOREIGN KEY (roadmap_id, version, requires_skill_id) REFERENCES roadmap_skills (roadmap_id, version, skill_id)
      );

      CREATE TABLE skill_resources (
        roadmap_id text NOT NULL,
        version integer NOT NULL,
        skill_id text NOT NULL,
        position integer NOT NULL CHECK (position >= 1),
        url text NOT NULL,
        title text NOT NULL,
        type text NOT NULL CHECK (type IN ('article', 'course', 'video', 'book', 'docs')),
        free boolean NOT NULL,
        search tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED,
        PRIMARY KEY (roadmap_id, version, skill_id, url),
        FOREIGN KEY (roadmap_id, version, skill_id) REFERENCES roadmap_skills (roadmap_id, version, skill_id)
      );
      CREATE INDEX skill_resources_search_idx ON skill_resources USING gin (search);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      DROP TABLE skill_resources; DROP TABLE skill_prerequisites; DROP TABLE roadmap_skills;
      DROP TABLE roadmap_stages; DROP TABLE roadmap_versions; DROP TABLE roadmaps; DROP TABLE skills;
    `);
  }
}
