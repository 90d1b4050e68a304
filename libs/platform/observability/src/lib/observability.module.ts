import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Logger } from 'pino';
import { HealthController } from './health.controller';
import { createMetricsRegistry, METRICS_REGISTRY, MetricsController } from './metrics';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';
import { startTracing, type TracingHandle } from './tracing';

export interface ObservabilityOptions {
  service: string;
  logLevel: string;
  /**
   * Readiness checks, as providers exported by the (global) modules that own each dependency,
   * e.g. PostgresModule's DatabaseReadiness.
   */
  readiness: Type<ReadinessCheck>[];
}

/** Secrets never reach the logs (reliability cases 20 and 26, docs/reliability.md): headers and fields that may carry them. */
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

/** The service's pino instance: Nest's Logger writes through it, and createHttpApp logs each request with it. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/** Requests nobody needs a line for: probes and scrapes. */
export function isQuietPath(url: string): boolean {
  return url.startsWith('/health') || url === '/metrics';
}

const TRACING = Symbol('TRACING');

/** Flushes the spans still buffered when the app shuts down (only if this app started the SDK). */
@Injectable()
class TracingShutdown implements OnApplicationShutdown {
  constructor(@Inject(TRACING) private readonly tracing: TracingHandle | undefined) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }
}

@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const readinessChecks: Provider = {
      provide: READINESS_CHECKS,
      useFactory: (...checks: ReadinessCheck[]) => checks,
      inject: options.readiness,
    };
    const rootLogger: Logger = pino({ level: options.logLevel, base: { service: options.service }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
    return {
      module: ObservabilityModule,
      global: true,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          // Nest's Logger writes through this instance. Requests are logged by one Fastify onResponse
          // hook (createHttpApp), not by pino-http's per-request middleware, which runs through Nest's
          // middie adapter and AsyncLocalStorage on every request and cost the gateway 14% of its
          // throughput (docs/benchmarks.md). Log lines written during a request name its id themselves.
          pinoHttp: { logger: rootLogger },
          forRoutes: [],
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        // Resolved before the app serves anything, so createHttpApp sees whether tracing is on (ADR 0040).
        { provide: TRACING, useFactory: () => startTracing({ service: options.service }) },
        TracingShutdown,
        readinessChecks,
        { provide: METRICS_REGISTRY, useValue: createMetricsRegistry(options.service) },
        { provide: ROOT_LOGGER, useValue: rootLogger },
      ],
      exports: [METRICS_REGISTRY, ROOT_LOGGER],
    };
  }
}
