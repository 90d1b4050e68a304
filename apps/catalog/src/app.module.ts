import { DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { CACHE_INVALIDATION_GROUP, CatalogModule } from '@pathwise/catalog/feature';
import { RoadmapPublished, RoadmapRetired, SkillUpdated } from '@pathwise/contracts';
import { AuthModule } from '@pathwise/platform/auth';
import { connectInboxConsumer, KafkaModule, KafkaReadiness, OutboxModule } from '@pathwise/platform/messaging';
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
        OutboxModule.forRoot({ service: 'catalog', databaseUrl: config.CATALOG_DATABASE_URL, relay: true }),
        AuthModule.forRoot({ issuer: config.AUTH_ISSUER, audience: 'pathwise:catalog', jwksUrl: config.AUTH_JWKS_URL }),
        ObservabilityModule.forRoot({
          service: 'catalog',
          logLevel: config.LOG_LEVEL,
          readiness: [DatabaseReadiness, RedisReadiness, KafkaReadiness],
        }),
        CatalogModule,
      ],
    };
  }

  /** Kafka side of the app: the consumer that invalidates cached views from the catalog's own events. */
  static connect(app: INestApplication): void {
    connectInboxConsumer(app, { group: CACHE_INVALIDATION_GROUP, contracts: [RoadmapPublished, RoadmapRetired, SkillUpdated] });
  }
}
