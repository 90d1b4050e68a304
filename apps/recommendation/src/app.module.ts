import { DynamicModule, Module } from '@nestjs/common';
import { KafkaModule, KafkaReadiness } from '@pathwise/platform/messaging';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { DatabaseReadiness, PostgresModule } from '@pathwise/platform/persistence';
import type { RecommendationConfig } from './config';

@Module({})
export class AppModule {
  static register(config: RecommendationConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PostgresModule.forRoot({ url: config.RECOMMENDATION_DATABASE_URL, service: 'recommendation' }),
        KafkaModule.forRoot({ clientId: 'recommendation', brokers: config.KAFKA_BROKERS }),
        ObservabilityModule.forRoot({
          service: 'recommendation',
          logLevel: config.LOG_LEVEL,
          readiness: [DatabaseReadiness, KafkaReadiness],
        }),
      ],
    };
  }
}
