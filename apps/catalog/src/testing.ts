import { CATALOG_MIGRATIONS, CATALOG_RECORDS, loadSeedCatalog } from '@pathwise/catalog/feature';
import type { Role } from '@pathwise/platform/auth';
import { createTestIssuer, serveJwks, type TestIssuer } from '@pathwise/platform/auth/testing';
import { parseConfig } from '@pathwise/platform/config';
import { runMigrations } from '@pathwise/platform/persistence';
import { startApp, type RunningApp } from '@pathwise/platform/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { catalogConfigSchema, type CatalogConfig } from './config';

export interface CatalogUnderTest {
  running: RunningApp;
  config: CatalogConfig;
  dataSource: DataSource;
  issuer: TestIssuer;
  /** A bearer header for a caller with these roles and a token for the catalog's audience. */
  as(...roles: Role[]): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * The catalog as `npm start` runs it (migrated, seeded, relay and consumer on), verifying tokens
 * of a test issuer fetched over HTTP like the gateway's JWKS. `env` overrides settings (e.g. REDIS_URL).
 */
export async function startCatalog(env: Record<string, string> = {}): Promise<CatalogUnderTest> {
  const issuer = await createTestIssuer('pathwise:gateway');
  const jwks = await serveJwks(issuer);
  const config = parseConfig(catalogConfigSchema, { ...process.env, LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn', AUTH_ISSUER: issuer.issuer, AUTH_JWKS_URL: jwks.url, ...env });
  await runMigrations({ url: config.CATALOG_DATABASE_URL, service: 'catalog', migrations: CATALOG_MIGRATIONS });
  const dataSource = await new DataSource({ type: 'postgres', url: config.CATALOG_DATABASE_URL, applicationName: 'catalog-test', entities: CATALOG_RECORDS }).initialize();
  await loadSeedCatalog(dataSource);
  const running = await startApp(AppModule.register(config), { connect: AppModule.connect });
  return {
    running,
    config,
    dataSource,
    issuer,
    as: async (...roles) => ({ authorization: `Bearer ${await issuer.token({ roles, audience: 'pathwise:catalog' })}` }),
    close: async () => {
      await running.close();
      await dataSource.destroy();
      await jwks.close();
    },
  };
}

/** A slug no other test (or earlier run) uses. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
