import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

// A readiness probe must answer within the kubelet's timeout even when a client library would
// queue or retry forever (ioredis' offline queue, kafkajs' retrier).
const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
  ) {}

  /** Liveness: the process serves HTTP. Never depends on downstreams, or a blip restarts pods. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check(
      this.checks.map((dependency) => async () => {
        const session = this.indicators.check(dependency.name);
        const started = performance.now();
        try {
          await withTimeout(dependency.check(), CHECK_TIMEOUT_MS);
          return session.up({ latencyMs: Math.round(performance.now() - started) });
        } catch (error) {
          return session.down({ message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }
}

/** Terminus reports failure as a 503 whose body lists each dependency; keep it for the problem document. */
export function readinessDetails(error: unknown): Record<string, unknown> | undefined {
  if (!(error instanceof ServiceUnavailableException)) return undefined;
  const body = error.getResponse();
  return typeof body === 'object' && body !== null && 'details' in body ? (body.details as Record<string, unknown>) : undefined;
}
