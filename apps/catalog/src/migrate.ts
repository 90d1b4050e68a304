import 'reflect-metadata';
import { CATALOG_MIGRATIONS } from '@pathwise/catalog/feature';
import { parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { runMigrations } from '@pathwise/platform/persistence';
import { catalogDatabaseSchema } from './config';

// `node dist/apps/catalog/src/migrate.js`: run by `npm start` and, in Kubernetes, by a Job before a rollout.
runMain(async () => {
  const { CATALOG_DATABASE_URL } = parseConfig(catalogDatabaseSchema);
  const { applied } = await runMigrations({ url: CATALOG_DATABASE_URL, service: 'catalog', migrations: CATALOG_MIGRATIONS });
  console.log(JSON.stringify({ service: 'catalog', msg: 'migrations done', applied }));
});
