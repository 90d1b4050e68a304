import { DynamicModule, Module } from '@nestjs/common';
import { GatewayModule, type GatewayOptions } from '@pathwise/gateway/feature';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { DatabaseReadiness, PostgresModule, RedisModule, RedisReadiness } from '@pathwise/platform/persistence';
import { TemporalClientModule, TemporalReadiness } from '@pathwise/platform/temporal';
import type { GatewayConfig } from './config';

@Module({})
export class AppModule {
  /** `options` are `gatewayOptions(config)`, derived once by the caller, which needs them too. */
  static register(config: GatewayConfig, options: GatewayOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PostgresModule.forRoot({ url: config.GATEWAY_DATABASE_URL, service: 'gateway' }),
        RedisModule.forRoot({ url: config.REDIS_URL, connectionName: 'gateway' }),
        TemporalClientModule.forRoot({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE }),
        ObservabilityModule.forRoot({
          service: 'gateway',
          logLevel: config.LOG_LEVEL,
          readiness: [DatabaseReadiness, RedisReadiness, TemporalReadiness],
        }),
        GatewayModule.register(options),
      ],
    };
  }
}
