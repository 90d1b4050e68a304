import { DynamicModule, Module } from '@nestjs/common';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { TemporalClientModule, TemporalReadiness, TemporalWorkerModule, TemporalWorkerService } from '@pathwise/platform/temporal';
import path from 'node:path';
import type { SagaWorkerConfig } from './config';

// Resolved from this file so it works from TypeScript sources (tests) and from the build output,
// which keeps the same layout under dist/.
const workflowsPath = require.resolve(path.join(__dirname, '../../../libs/saga/workflows/src/index'));

@Module({})
export class AppModule {
  static register(config: SagaWorkerConfig): DynamicModule {
    const temporal = { address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE };
    return {
      module: AppModule,
      imports: [
        TemporalClientModule.forRoot(temporal),
        TemporalWorkerModule.forRoot({ ...temporal, taskQueue: config.SAGA_TASK_QUEUE, workflowsPath, activities: {} }),
        ObservabilityModule.forRoot({
          service: 'saga-worker',
          logLevel: config.LOG_LEVEL,
          readiness: [TemporalReadiness, TemporalWorkerService],
        }),
      ],
    };
  }
}
