import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessCheck } from '@pathwise/platform/observability';
import { Client, Connection } from '@temporalio/client';
import { TracingWorkflowClientInterceptor } from './tracing-interceptors';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
/** A connection without the SDK's retry interceptor, for probes: a probe answers now or fails. */
const TEMPORAL_PROBE_CONNECTION = Symbol('TEMPORAL_PROBE_CONNECTION');

@Injectable()
export class TemporalReadiness implements ReadinessCheck {
  readonly name = 'temporal';

  constructor(@Inject(TEMPORAL_PROBE_CONNECTION) private readonly connection: Connection) {}

  /**
   * The gRPC health service of the frontend, not an open port. The deadline ends the call and its
   * client-side retries together, so no retry outlives the probe.
   */
  async check(): Promise<void> {
    const { status } = await this.connection.withDeadline(Date.now() + 1_500, () => this.connection.healthService.check({}));
    // grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING = 1
    if (status !== 1) throw new Error(`temporal frontend is not serving (status ${status})`);
  }
}

class ConnectionLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
    @Inject(TEMPORAL_PROBE_CONNECTION) private readonly probe: Connection,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.connection.close(), this.probe.close()]);
  }
}

/** A Temporal client for starting and querying workflows; connects lazily so boot never blocks. */
@Module({})
export class TemporalClientModule {
  static forRoot(options: { address: string; namespace: string }): DynamicModule {
    return {
      module: TemporalClientModule,
      global: true,
      providers: [
        { provide: TEMPORAL_CONNECTION, useFactory: () => Connection.lazy({ address: options.address }) },
        // With the default retry interceptor a failing probe leaves backoff timers behind that fire
        // after shutdown, on a closed channel; a probe has no use for retries anyway.
        { provide: TEMPORAL_PROBE_CONNECTION, useFactory: () => Connection.lazy({ address: options.address, interceptors: [] }) },
        {
          provide: TEMPORAL_CLIENT,
          useFactory: (connection: Connection) =>
            new Client({ connection, namespace: options.namespace, interceptors: { workflow: [new TracingWorkflowClientInterceptor()] } }),
          inject: [TEMPORAL_CONNECTION],
        },
        ConnectionLifecycle,
        TemporalReadiness,
      ],
      exports: [TEMPORAL_CONNECTION, TEMPORAL_CLIENT, TemporalReadiness],
    };
  }
}
