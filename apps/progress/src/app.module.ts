import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule, SERVICE_ROLES } from '@pathwise/platform/auth';
import { KafkaModule, KafkaReadiness, OutboxModule } from '@pathwise/platform/messaging';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { DatabaseReadiness, PostgresModule } from '@pathwise/platform/persistence';
import { ProgressModule } from '@pathwise/progress/feature';
import type { JSONWebKeySet } from 'jose';
import type { ProgressConfig } from './config';

/** The audience of tokens minted for this service; a token for another service is refused. */
export const PROGRESS_AUDIENCE = 'pathwise:progress';

export interface ProgressAppOverrides {
  /** A fixed key set instead of fetching AUTH_JWKS_URL (tests). */
  jwks?: JSONWebKeySet;
  /** A fixed key set instead of fetching AUTH_SERVICE_JWKS_URL (tests). */
  serviceJwks?: JSONWebKeySet;
}

@Module({})
export class AppModule {
  static register(config: ProgressConfig, overrides: ProgressAppOverrides = {}): DynamicModule {
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
        AuthModule.forRoot({
          audience: PROGRESS_AUDIENCE,
          issuers: [
            { issuer: config.AUTH_ISSUER, ...(overrides.jwks ? { jwks: overrides.jwks } : { jwksUrl: config.AUTH_JWKS_URL }) },
            // The onboarding saga's steps call the internal learner routes with role `service`.
            {
              issuer: config.AUTH_SERVICE_ISSUER,
              roles: SERVICE_ROLES,
              ...(overrides.serviceJwks ? { jwks: overrides.serviceJwks } : { jwksUrl: config.AUTH_SERVICE_JWKS_URL }),
            },
          ],
        }),
        OutboxModule.forRoot({ service: 'progress', databaseUrl: config.PROGRESS_DATABASE_URL, relay: true }),
        ProgressModule.forRoot({
          snapshotEvery: config.PROGRESS_SNAPSHOT_EVERY,
          projector: { enabled: config.PROGRESS_PROJECTOR_ENABLED, databaseUrl: config.PROGRESS_DATABASE_URL },
        }),
      ],
    };
  }
}
