import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { ReadinessCheck } from '@pathwise/platform/observability';
import { NativeConnection, Worker } from '@temporalio/worker';
import { tracingActivityInterceptors } from './activity-tracing';

export interface TemporalWorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  /**
   * The workflows: a module path, which the worker bundles with webpack when it starts, or a bundle
   * made ahead of time (tools/build.mjs), which spares each worker that time and memory.
   */
  workflows: { path: string; interceptorModules?: string[] } | { bundlePath: string };
  activities: Record<string, (...args: never[]) => Promise<unknown>>;
}

const WORKER_OPTIONS = Symbol('WORKER_OPTIONS');

/**
 * Runs one Temporal worker for the lifetime of the Nest app. On SIGTERM the worker stops polling,
 * lets in-flight activities finish (up to the grace time), and only then closes its connection.
 */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown, ReadinessCheck {
  readonly name = 'temporal-worker';
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(@Inject(WORKER_OPTIONS) private readonly options: TemporalWorkerOptions) {}

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue, workflows, activities } = this.options;
    this.connection = await NativeConnection.connect({ address });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace,
      taskQueue,
      // A prebuilt bundle carries its workflow interceptor modules inside.
      ...('bundlePath' in workflows ? { workflowBundle: { codePath: workflows.bundlePath } } : { workflowsPath: workflows.path }),
      interceptors: { activity: [tracingActivityInterceptors], workflowModules: 'path' in workflows ? workflows.interceptorModules : undefined },
      activities,
      shutdownGraceTime: '10s',
    });
    this.running = this.worker.run().catch((error: unknown) => {
      // A worker that dies stops being ready, so the orchestrator restarts the pod.
      this.logger.error({ err: error }, 'temporal worker stopped with an error');
    });
    this.logger.log({ taskQueue, namespace, workflowBundle: 'bundlePath' in workflows ? 'prebuilt' : 'bundled at start' }, 'temporal worker polling');
  }

  async check(): Promise<void> {
    const state = this.worker?.getState() ?? 'NOT_STARTED';
    if (state !== 'RUNNING') throw new Error(`worker state is ${state}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running;
    await this.connection?.close();
  }
}

@Module({})
export class TemporalWorkerModule {
  static forRoot(options: TemporalWorkerOptions): DynamicModule {
    return {
      module: TemporalWorkerModule,
      global: true,
      providers: [{ provide: WORKER_OPTIONS, useValue: options }, TemporalWorkerService],
      exports: [TemporalWorkerService],
    };
  }
}
