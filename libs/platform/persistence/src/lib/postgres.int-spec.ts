import { DataSource } from 'typeorm';

const SERVICES = ['gateway', 'catalog', 'progress', 'recommendation'] as const;

function urlOf(service: (typeof SERVICES)[number]): string {
  const url = process.env[`${service.toUpperCase()}_DATABASE_URL`];
  if (!url) throw new Error(`${service.toUpperCase()}_DATABASE_URL is not set (run npm run infra:up)`);
  return url;
}

async function connect(url: string): Promise<DataSource> {
  return new DataSource({ type: 'postgres', url, extra: { connectionTimeoutMillis: 5_000 } }).initialize();
}

/** The same credentials pointed at another service's database. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

describe('PostgreSQL: one database and one role per service', () => {
  it.each(SERVICES)('when %s connects with its own role, then a TypeORM query runs on its own database', async (service) => {
    const dataSource = await connect(urlOf(service));
    try {
      const [row] = await dataSource.query('SELECT current_database() AS database, current_user AS role, version() AS version');
      expect(row).toEqual({ database: service, role: service, version: expect.stringMatching(/^PostgreSQL 1[5-9]/) });
    } finally {
      await dataSource.destroy();
    }
  });

  it.each([
    ['catalog', 'progress'],
    ['progress', 'catalog'],
    ['recommendation', 'gateway'],
    ['gateway', 'recommendation'],
  ] as const)('when %s tries to reach the %s database, then the connection is refused', async (service, other) => {
    await expect(connect(withDatabase(urlOf(service), other))).rejects.toThrow(/permission denied for database/);
  });

  it('when a service role tries to create a role or database, then it is refused', async () => {
    const dataSource = await connect(urlOf('catalog'));
    try {
      await expect(dataSource.query('CREATE DATABASE pathwise_should_not_exist')).rejects.toThrow(/permission denied/);
      await expect(dataSource.query('CREATE ROLE pathwise_should_not_exist')).rejects.toThrow(/permission denied/);
    } finally {
      await dataSource.destroy();
    }
  });
});
