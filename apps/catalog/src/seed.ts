import 'reflect-metadata';
import { loadSeedCatalog } from '@pathwise/catalog/feature';
import { parseConfig } from '@pathwise/platform/config';
import { runMain } from '@pathwise/platform/http';
import { DataSource } from 'typeorm';
import { catalogDatabaseSchema } from './config';

// `node dist/apps/catalog/src/seed.js`: idempotent; `npm start` runs it after the migrations.
runMain(async () => {
  const { CATALOG_DATABASE_URL } = parseConfig(catalogDatabaseSchema);
  const dataSource = await new DataSource({ type: 'postgres', url: CATALOG_DATABASE_URL, applicationName: 'catalog-seed' }).initialize();
  try {
    const result = await loadSeedCatalog(dataSource);
    console.log(JSON.stringify({ service: 'catalog', msg: 'seed done', ...result }));
  } finally {
    await dataSource.destroy();
  }
});
