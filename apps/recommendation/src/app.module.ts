import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule, SERVICE_ROLES } from '@pathwise/platform/auth';
import { KafkaModule, KafkaReadiness, OutboxModule } from '@pathwise/platform/messaging';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { DatabaseReadiness, PostgresModule } from '@pathwise/platform/persistence';
import { RecommendationModule } from '@pathwise/recommendation/feature';
import type { JSONWebKeySet } from 'jose';
import type { RecommendationConfig } from './config';

/** The audience of tokens minted for this service; a token for another service is refused. */
export const RECOMMENDATION_AUDIENCE = 'pathwise:recommendation';

export interface RecommendationAppOverrides {
  /** A fixed key set instead of fetching AUTH_JWKS_URL (tests). */
  jwks?: JSONWebKeySet;
  /** A fixed key set instead of fetching AUTH_SERVICE_JWKS_URL (tests). */
  serviceJwks?: JSONWebKeySet;
}

@Module({})
export class AppModule {
  static register(config: RecommendationConfig, overrides: RecommendationAppOverrides = {}): DynamicModule {
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
        AuthModule.forRoot({
          audience: RECOMMENDATION_AUDIENCE,
          issuers: [
            { issuer: config.AUTH_ISSUER, ...(overrides.jwks ? { jwks: overrides.jwks } : { jwksUrl: config.AUTH_JWKS_URL }) },
            {
              issuer: config.AUTH_SERVICE_ISSUER,
              roles: SERVICE_ROLES,
              ...(overrides.serviceJwks ? { jwks: overrides.serviceJwks } : { jwksUrl: config.AUTH_SERVICE_JWKS_URL }),
            },
          ],
        }),
        OutboxModule.forRoot({ service: 'recommendation', databaseUrl: config.RECOMMENDATION_DATABASE_URL, relay: true }),
        RecommendationModule.forRoot({
          recompute: { enabled: config.RECOMMENDATION_RECOMPUTE_ENABLED, databaseUrl: config.RECOMMENDATION_DATABASE_URL, batchSize: config.RECOMMENDATION_RECOMPUTE_BATCH },
        }),
      ],
    };
  }
}
