import { SpanKind } from '@opentelemetry/api';
import { WORKFLOW_TRACE_HEADER as TRACE_HEADER } from '@pathwise/contracts';
import { contextFromTraceparent, inSpan, tracingEnabled } from '@pathwise/platform/observability';
import type { Context as ActivityContext } from '@temporalio/activity';
import { defaultPayloadConverter } from '@temporalio/common';
import type { ActivityInterceptors } from '@temporalio/worker';

/**
 * Worker side of Temporal tracing (ADR 0040): each activity attempt runs in a span, child of the
 * traceparent its workflow passed on, so what the activity calls (its HTTP requests carry
 * `activeTraceparent()`) joins the trace of whoever started the workflow. With tracing off this
 * tests one boolean per attempt.
 */
export function tracingActivityInterceptors(activity: ActivityContext): ActivityInterceptors {
  return {
    inbound: {
      execute(input, next) {
        if (!tracingEnabled()) return next(input);
        const header = input.headers[TRACE_HEADER];
        const parent = contextFromTraceparent(header ? defaultPayloadConverter.fromPayload<string>(header) : undefined);
        const { activityType, attempt, workflowExecution } = activity.info;
        const attributes = { 'temporal.activity.type': activityType, 'temporal.activity.attempt': attempt, ...(workflowExecution ? { 'temporal.workflow.id': workflowExecution.workflowId } : {}) };
        return inSpan(`RunActivity:${activityType}`, { kind: SpanKind.SERVER, attributes }, parent, () => next(input));
      },
    },
  };
}
