import { DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health.controller';
import { createMetricsRegistry, METRICS_REGISTRY, MetricsController } from './metrics';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

export interface ObservabilityOptions {
  service: string;
  logLevel: string;
  /**
   * Readiness checks, as providers exported by the (global) modules that own each dependency,
   * e.g. PostgresModule's DatabaseReadiness.
   */
  readiness: Type<ReadinessCheck>[];
}

/** Secrets never reach the logs (RELIABILITY rows 20, 26): headers and fields that may carry them. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.query.access_token',
  'req.query.token',
  'res.headers["set-cookie"]',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
];

@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const readinessChecks: Provider = {
      provide: READINESS_CHECKS,
      useFactory: (...checks: ReadinessCheck[]) => checks,
      inject: options.readiness,
    };
    return {
      module: ObservabilityModule,
      global: true,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.logLevel,
            base: { service: options.service },
            redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
            // Fastify assigned the id (see createHttpApp) and stored it on the raw request.
            genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
            customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') === true || req.url === '/metrics' },
            // The query string may carry a token (RELIABILITY row 20); log the path only.
            serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url?.split('?')[0] }) },
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [readinessChecks, { provide: METRICS_REGISTRY, useValue: createMetricsRegistry(options.service) }],
      exports: [METRICS_REGISTRY],
    };
  }
}
