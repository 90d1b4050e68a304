import { z } from 'zod';
import { ConfigError, env, parseConfig } from '../index';

const schema = z.object({
  CATALOG_DATABASE_URL: env.postgresUrl(),
  KAFKA_BROKERS: env.kafkaBrokers(),
  CATALOG_HTTP_PORT: env.port(3001),
});

describe('parseConfig', () => {
  it('when every variable is valid, then it returns typed values with defaults applied', () => {
    const config = parseConfig(schema, {
      CATALOG_DATABASE_URL: 'postgres://catalog:pw@127.0.0.1:15432/catalog',
      KAFKA_BROKERS: '127.0.0.1:19092, 127.0.0.1:19094',
    });

    expect(config).toEqual({
      CATALOG_DATABASE_URL: 'postgres://catalog:pw@127.0.0.1:15432/catalog',
      KAFKA_BROKERS: ['127.0.0.1:19092', '127.0.0.1:19094'],
      CATALOG_HTTP_PORT: 3001,
    });
  });

  it('when variables are missing or malformed, then it names every bad variable without echoing values', () => {
    const secret = 'mysql://root:hunter2@db/x';
    let error: unknown;
    try {
      parseConfig(schema, { CATALOG_DATABASE_URL: secret, CATALOG_HTTP_PORT: '70000' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['CATALOG_DATABASE_URL', 'CATALOG_HTTP_PORT', 'KAFKA_BROKERS']);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('when a broker entry is not host:port, then it is rejected', () => {
    expect(() =>
      parseConfig(schema, { CATALOG_DATABASE_URL: 'postgres://a:b@h:1/d', KAFKA_BROKERS: 'http://broker' }),
    ).toThrow(/KAFKA_BROKERS/);
  });
});
