import { seedCatalog } from '@pathwise/catalog/domain';
import { RoadmapPublished, SkillUpdated } from '@pathwise/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CATALOG_MIGRATIONS } from '../migrations';
import { loadSeedCatalog } from './seed-catalog';

interface SkillRow {
  id: string;
  aliases: unknown;
  revision: number;
}

interface OutboxRow {
  event_type: string;
  message_key: string;
  aggregate_version: number;
  value: string;
}

const seeded = seedCatalog(new Date()).skills;
const seededAliases = new Map(seeded.map((skill) => [skill.id as string, skill.aliases]));

describe('catalog seed and skill aliases (real Postgres, a schema of its own)', () => {
  const url = process.env['CATALOG_DATABASE_URL'] as string;
  const opened: { dataSource: DataSource; schema: string }[] = [];

  /** A fresh schema with the given migrations applied; dropped after the suite. */
  async function freshDatabase(migrations: readonly (typeof CATALOG_MIGRATIONS)[number][]): Promise<DataSource> {
    const schema = `catalog_seed_${randomUUID().slice(0, 8)}`;
    const setup = await new DataSource({ type: 'postgres', url }).initialize();
    await setup.query(`CREATE SCHEMA ${schema}`);
    await setup.destroy();
    const dataSource = new DataSource({ type: 'postgres', url, extra: { options: `-c search_path=${schema}`, max: 4 }, migrations: [...migrations], migrationsTableName: 'schema_migrations' });
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    opened.push({ dataSource, schema });
    return dataSource;
  }

  async function migrateTheRest(dataSource: DataSource): Promise<string[]> {
    const options = dataSource.options as { extra: unknown };
    const later = await new DataSource({ type: 'postgres', url, extra: options.extra, migrations: [...CATALOG_MIGRATIONS], migrationsTableName: 'schema_migrations' }).initialize();
    try {
      return (await later.runMigrations({ transaction: 'each' })).map((migration) => migration.name);
    } finally {
      await later.destroy();
    }
  }

  const skillRows = async (dataSource: DataSource) => (await dataSource.query(`SELECT id, aliases, revision FROM skills ORDER BY id`)) as SkillRow[];
  const outboxRows = async (dataSource: DataSource, type: string) =>
    (await dataSource.query(`SELECT event_type, message_key, aggregate_version, value FROM outbox WHERE event_type = $1 ORDER BY position`, [type])) as OutboxRow[];

  afterAll(async () => {
    for (const { dataSource, schema } of opened) {
      await dataSource.query(`DROP SCHEMA ${schema} CASCADE`);
      await dataSource.destroy();
    }
  });

  it('when a new database is seeded, then every seeded skill has its aliases, with rules, and the seeded roadmaps publish them', async () => {
    const dataSource = await freshDatabase(CATALOG_MIGRATIONS);

    const result = await loadSeedCatalog(dataSource);

    expect(result).toMatchObject({ skillsCreated: seeded.length, skillsGivenAliases: [] });
    const rows = await skillRows(dataSource);
    expect(rows).toHaveLength(seeded.length);
    expect(rows.filter((row) => !Array.isArray(row.aliases) || row.aliases.length === 0).map((row) => row.id)).toEqual([]);
    for (const row of rows) expect({ id: row.id, aliases: row.aliases, revision: row.revision }).toEqual({ id: row.id, aliases: seededAliases.get(row.id), revision: 1 });
    expect(rows.find((row) => row.id === 'skill:sql')?.aliases).toEqual(expect.arrayContaining([{ text: 'PostgreSQL' }, { text: 'Oracle', ambiguous: true }]));

    const published = (await outboxRows(dataSource, RoadmapPublished.type)).map((row) => RoadmapPublished.schema.parse(JSON.parse(row.value)));
    expect(published).toHaveLength(4);
    for (const roadmap of published) {
      for (const skill of roadmap.skills) expect({ skillId: skill.skillId, aliases: skill.aliases }).toEqual({ skillId: skill.skillId, aliases: seededAliases.get(skill.skillId) });
    }
    expect(await outboxRows(dataSource, SkillUpdated.type)).toEqual([]);
  });

  it('when skills seeded before aliases existed are migrated and seeded again, then each gets its aliases once, as an edit with SkillUpdated, and lists editors set stay', async () => {
    const beforeAliases = CATALOG_MIGRATIONS.slice(0, CATALOG_MIGRATIONS.length - 1);
    const dataSource = await freshDatabase(beforeAliases);
    // The rows an older seed wrote: no aliases column yet, and one skill an editor had renamed.
    await dataSource.query(
      `INSERT INTO skills (id, slug, name, description, signals, revision)
       SELECT s.id, s.slug, s.name, s.description, s.signals, s.revision FROM jsonb_to_recordset($1::jsonb) AS s(id text, slug text, name text, description text, signals jsonb, revision int)`,
      [JSON.stringify(seeded.map((skill) => ({ ...skill.toState(), revision: skill.id === 'skill:docker' ? 3 : 1 })))],
    );

    expect(await migrateTheRest(dataSource)).toEqual(['SkillAliases1796515200000']);
    expect((await skillRows(dataSource)).filter((row) => row.aliases !== null)).toEqual([]);
    // After the migration and before the seed, editors set these lists: one of their own, one emptied.
    await dataSource.query(`UPDATE skills SET aliases = $1, revision = revision + 1 WHERE id = 'skill:sql'`, [JSON.stringify([{ text: 'Snowflake' }])]);
    await dataSource.query(`UPDATE skills SET aliases = '[]', revision = revision + 1 WHERE id = 'skill:git'`);

    const first = await loadSeedCatalog(dataSource);

    const untouched = ['skill:git', 'skill:sql'];
    expect(first.skillsCreated).toBe(0);
    expect([...first.skillsGivenAliases].sort()).toEqual(seeded.map((skill) => skill.id as string).filter((id) => !untouched.includes(id)).sort());
    const rows = new Map((await skillRows(dataSource)).map((row) => [row.id, row]));
    expect(rows.get('skill:sql')).toMatchObject({ aliases: [{ text: 'Snowflake' }], revision: 2 });
    expect(rows.get('skill:git')).toMatchObject({ aliases: [], revision: 2 });
    expect(rows.get('skill:docker')).toMatchObject({ aliases: seededAliases.get('skill:docker'), revision: 4 });
    expect(rows.get('skill:message-queues')).toMatchObject({ aliases: seededAliases.get('skill:message-queues'), revision: 2 });

    const updates = await outboxRows(dataSource, SkillUpdated.type);
    expect(updates.map((row) => row.message_key).sort()).toEqual([...first.skillsGivenAliases].sort());
    const docker = updates.find((row) => row.message_key === 'skill:docker');
    expect(docker?.aggregate_version).toBe(4);
    expect(SkillUpdated.schema.parse(JSON.parse(docker?.value ?? '{}'))).toMatchObject({ skillId: 'skill:docker', aliases: seededAliases.get('skill:docker') });

    const second = await loadSeedCatalog(dataSource);

    expect(second).toEqual({ skillsCreated: 0, skillsGivenAliases: [], roadmapsCreated: [] });
    expect(await outboxRows(dataSource, SkillUpdated.type)).toHaveLength(updates.length);
  });
});
