// Workflow interceptors: this module runs inside the workflow sandbox, bundled with the workflows
// (INTERCEPTOR_MODULES: by tools/build.mjs, by the worker when it bundles at start, by the replay tests). It carries the trace context the
// workflow was started with on to every activity and child workflow it schedules, so their spans
// join the starter's trace. It makes no spans of its own (the sandbox has no exporter; ADR 0040)
// and adds no commands, so a history replays the same with or without it.
import type { Headers, Payload, WorkflowInterceptorsFactory } from '@temporalio/workflow';

/**
 * WORKFLOW_TRACE_HEADER of @pathwise/contracts, spelled out: a value import of the contracts would
 * bundle their Node-only modules into the sandbox (trace-context.interceptors.spec.ts keeps the two equal).
 */
export const TRACE_HEADER = 'traceparent';

export const interceptors: WorkflowInterceptorsFactory = () => {
  // Per workflow execution: the factory runs once for each.
  let carried: Payload | undefined;
  const withTrace = <T extends { readonly headers: Headers }>(input: T): T =>
    carried && !input.headers[TRACE_HEADER] ? { ...input, headers: { ...input.headers, [TRACE_HEADER]: carried } } : input;
  return {
    inbound: [
      {
        execute(input, next) {
          carried = input.headers[TRACE_HEADER];
          return next(input);
        },
      },
    ],
    outbound: [
      {
        scheduleActivity: (input, next) => next(withTrace(input)),
        scheduleLocalActivity: (input, next) => next(withTrace(input)),
        startChildWorkflowExecution: (input, next) => next(withTrace(input)),
      },
    ],
  };
};
