import { DynamicModule, Module } from '@nestjs/common';
import { KafkaModule, KafkaReadiness } from '@pathwise/platform/messaging';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { DatabaseReadiness, PostgresModule } from '@pathwise/platform/persistence';
import type { ProgressConfig } from './config';

@Module({})
export class AppModule {
  static register(config: ProgressConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PostgresModule.forRoot({ url: config.PROGRESS_DATABASE_URL, service: 'progress' }),
        KafkaModule.forRoot({ clientId: 'progress', brokers: config.KAFKA_BROKERS }),
        ObservabilityModule.forRoot({
          service: 'progress',
          logLevel: config.LOG_LEVEL,
          readiness: [DatabaseReadiness, KafkaReadiness],
        }),
      ],
    };
  }
}
