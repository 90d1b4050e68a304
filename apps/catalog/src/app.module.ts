import { DynamicModule, Module } from '@nestjs/common';
import { KafkaModule, KafkaReadiness } from '@pathwise/platform/messaging';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { DatabaseReadiness, PostgresModule, RedisModule, RedisReadiness } from '@pathwise/platform/persistence';
import type { CatalogConfig } from './config';

@Module({})
export class AppModule {
  static register(config: CatalogConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PostgresModule.forRoot({ url: config.CATALOG_DATABASE_URL, service: 'catalog' }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: 'catalog' }),
        KafkaModule.forRoot({ clientId: 'catalog', brokers: config.KAFKA_BROKERS }),
        ObservabilityModule.forRoot({
          service: 'catalog',
          logLevel: config.LOG_LEVEL,
          readiness: [DatabaseReadiness, RedisReadiness, KafkaReadiness],
        }),
      ],
    };
  }
}
