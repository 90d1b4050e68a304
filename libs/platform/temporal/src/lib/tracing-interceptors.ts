import { context, SpanKind } from '@opentelemetry/api';
import { WORKFLOW_TRACE_HEADER as TRACE_HEADER } from '@pathwise/contracts';
import { injectSpanContext, inSpan, tracingEnabled } from '@pathwise/platform/observability';
import type { WorkflowClientInterceptor, WorkflowStartInput, WorkflowStartOutput } from '@temporalio/client';
import { defaultPayloadConverter, type Next } from '@temporalio/common';

/**
 * Client side of Temporal tracing (ADR 0040): starting a workflow is a CLIENT span, child of the
 * active one (e.g. the gateway's request), and its traceparent travels in the workflow's headers;
 * the workflow passes it on to its activities (libs/saga/workflows trace-context.interceptors.ts). With tracing off this
 * tests one boolean.
 */
export class TracingWorkflowClientInterceptor implements WorkflowClientInterceptor {
  async startWithDetails(input: WorkflowStartInput, next: Next<WorkflowClientInterceptor, 'startWithDetails'>): Promise<WorkflowStartOutput> {
    if (!tracingEnabled()) return next(input);
    const attributes = { 'temporal.workflow.type': input.workflowType, 'temporal.workflow.id': input.options.workflowId };
    return inSpan(`StartWorkflow:${input.workflowType}`, { kind: SpanKind.CLIENT, attributes }, context.active(), (span) => {
      const { traceparent } = injectSpanContext(span, {});
      return next({ ...input, headers: { ...input.headers, [TRACE_HEADER]: defaultPayloadConverter.toPayload(traceparent) } });
    });
  }
}
