import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCredentialsModule, ServiceTokenIssuer } from '@pathwise/platform/auth';
import { ObservabilityModule } from '@pathwise/platform/observability';
import { TemporalClientModule, TemporalReadiness } from '@pathwise/platform/temporal';
import { TemporalWorkerModule, TemporalWorkerService } from '@pathwise/platform/temporal/worker';
import { createOnboardingActivities, createResumeAnalysisActivities } from '@pathwise/saga/activities';
import { INTERCEPTOR_MODULES } from '@pathwise/saga/workflows/interceptor-modules';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SagaWorkerConfig } from './config';

// Resolved from this file so it works from TypeScript sources (tests) and from the build output,
// which keeps the same layout under dist/.
export const workflowsPath = require.resolve(path.join(__dirname, '../../../libs/saga/workflows/src/index'));
/** Written by tools/build.mjs beside the compiled workflows; absent when running from the sources. */
export const workflowBundlePath = path.join(__dirname, '../../../libs/saga/workflows/workflow-bundle.js');

/** `sub` of the worker's service tokens. */
export const SAGA_WORKER_SUBJECT = 'saga-worker';

@Module({})
export class AppModule {
  static register(config: SagaWorkerConfig): DynamicModule {
    const temporal = { address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE };
    const tokens = new ServiceTokenIssuer({ issuer: config.AUTH_SERVICE_ISSUER, subject: SAGA_WORKER_SUBJECT, seeds: config.SAGA_SIGNING_KEY });
    const activities = {
      ...createResumeAnalysisActivities({ recommendation: { baseUrl: config.SAGA_RECOMMENDATION_URL, tokens }, timeoutMs: config.SAGA_RECOMMENDATION_TIMEOUT_MS }),
      ...createOnboardingActivities({
        progress: { baseUrl: config.SAGA_PROGRESS_URL, tokens },
        recommendation: { baseUrl: config.SAGA_RECOMMENDATION_URL, tokens },
        timeoutMs: config.SAGA_PROGRESS_TIMEOUT_MS,
      }),
    };
    return {
      module: AppModule,
      imports: [
        TemporalClientModule.forRoot(temporal),
        TemporalWorkerModule.forRoot({
          ...temporal,
          taskQueue: config.SAGA_TASK_QUEUE,
          workflows: existsSync(workflowBundlePath) ? { bundlePath: workflowBundlePath } : { path: workflowsPath, interceptorModules: INTERCEPTOR_MODULES },
          activities,
        }),
        ServiceCredentialsModule.forRoot(tokens),
        ObservabilityModule.forRoot({
          service: 'saga-worker',
          logLevel: config.LOG_LEVEL,
          readiness: [TemporalReadiness, TemporalWorkerService],
        }),
      ],
    };
  }
}
