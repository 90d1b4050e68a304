import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Skill aliases: how resumes and job ads write a skill, as a jsonb list of
 * `{ text, ambiguous?, caseSensitive? }` that editors change like any other field.
 *
 * No default and no backfill here. Rows that exist when this runs get NULL, which means "predates
 * aliases", not "has none": the seed loader, which runs after the migrations on every start, gives
 * each seeded skill still at NULL its seeded aliases through the aggregate, so the revision moves
 * on and SkillUpdated reaches consumers' copies; an UPDATE here would change rows behind their
 * back. Every write after this stores a list, so an editor's list (empty included) is never
 * replaced by the seed.
 */
export class SkillAliases1796515200000 implements MigrationInterface {
  name = 'SkillAliases1796515200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE skills ADD COLUMN aliases jsonb CHECK (aliases IS NULL OR jsonb_typeof(aliases) = 'array')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE skills DROP COLUMN aliases`);
  }
}
