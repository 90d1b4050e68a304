import { DataSource, type MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

export interface MigrationRun {
  /** Names of the migrations applied by this run, in order; empty when the schema was current. */
  applied: string[];
}

// Any fixed number works; it only has to be the same for every replica of every service
// (each service has its own database, so services never contend with each other).
const MIGRATION_LOCK = 7_316_001;

/**
 * Brings a service's database to the latest schema: the step `npm start` runs before the apps and
 * a Kubernetes Job runs before a rollout. Replicas or jobs started together are safe: an advisory
 * lock lets one apply the migrations while the others wait and then find nothing left to do.
 * Each migration commits on its own, so a failure leaves the schema at the last good step.
 */
export async function runMigrations(options: { url: string; service: string; migrations: readonly MigrationClass[] }): Promise<MigrationRun> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    applicationName: `${options.service}-migrations`,
    migrations: [...options.migrations],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    extra: { max: 2 },
  });
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.connect();
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations();
    return { applied: applied.map((migration) => migration.name) };
  } finally {
    // Closing the session (destroy below) releases the advisory lock, even after a failed query.
    await lock.release();
    await dataSource.destroy();
  }
}
