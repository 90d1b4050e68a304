import { DynamicModule, Injectable, Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import type { ReadinessCheck } from '@pathwise/platform/observability';
import { DataSource } from 'typeorm';

/**
 * TypeORM options shared by every service: schema changes only through migrations (run as a
 * separate step / Kubernetes Job), never `synchronize`, and a pool sized per replica.
 */
export function postgresOptions(options: { url: string; service: string; poolSize?: number }): TypeOrmModuleOptions {
  return {
    type: 'postgres',
    url: options.url,
    applicationName: options.service,
    autoLoadEntities: true,
    synchronize: false,
    migrationsRun: false,
    extra: { max: options.poolSize ?? 10, connectionTimeoutMillis: 5_000 },
  };
}

@Injectable()
export class DatabaseReadiness implements ReadinessCheck {
  readonly name = 'database';

  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}

/** The service's own database (docs/architecture.md: one database and role per service) plus its readiness check. */
@Module({})
export class PostgresModule {
  static forRoot(options: { url: string; service: string; poolSize?: number }): DynamicModule {
    return {
      module: PostgresModule,
      global: true,
      imports: [TypeOrmModule.forRoot(postgresOptions(options))],
      providers: [DatabaseReadiness],
      exports: [DatabaseReadiness],
    };
  }
}
