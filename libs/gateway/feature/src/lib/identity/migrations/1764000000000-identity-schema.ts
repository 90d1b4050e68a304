import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's identity tables. Emails are stored lower-cased so the unique constraint decides
 * sign-up races; refresh tokens are stored only as SHA-256 digests (they are 256-bit random values,
 * so a fast hash suffices) and grouped in families so a reused token can revoke its whole chain.
 */
export class IdentitySchema1764000000000 implements MigrationInterface {
  name = 'IdentitySchema1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (roles <@ ARRAY['learner', 'editor', 'admin']::text[]),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE refresh_tokens (
        token_hash bytea PRIMARY KEY,
        family_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
      CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
    `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE refresh_tokens; DROP TABLE users;');
  }
}
