import { type Context, context, propagation, ROOT_CONTEXT, type Span, type SpanOptions, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';

/** Set while an SDK is registered; every instrumentation point checks it first (ADR 0040). */
let tracer: Tracer | undefined;

export interface TracingOptions {
  /** `service.name` of the spans, unless OTEL_SERVICE_NAME says otherwise. */
  service: string;
  /** Where spans go instead of OTLP (tests). */
  exporter?: SpanExporter;
  env?: Record<string, string | undefined>;
}

export interface TracingHandle {
  /** Flushes buffered spans and unregisters the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set or
 * an exporter is given; otherwise nothing is loaded and the API stays a no-op. Returns undefined
 * when tracing stays off or another caller in this process already started it.
 */
export async function startTracing(options: TracingOptions): Promise<TracingHandle | undefined> {
  const env = options.env ?? process.env;
  const endpoint = env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  if (tracer || env['OTEL_SDK_DISABLED'] === 'true' || (!options.exporter && !endpoint)) return undefined;
  // Loaded only here, so a process without tracing never loads the SDK or the exporters.
  const { startSdk } = await import('./tracing-sdk');
  const provider = startSdk(options.service, options.exporter, env);
  tracer = trace.getTracer('@pathwise/platform');
  return {
    async shutdown() {
      tracer = undefined;
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

export function tracingEnabled(): boolean {
  return tracer !== undefined;
}

/** The W3C traceparent of the active span, or undefined (tracing off, or no span). */
export function activeTraceparent(): string | undefined {
  if (!tracer) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

/** The context a W3C traceparent (from a header or an outbox row) continues; the root context without one. */
export function contextFromTraceparent(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/** The context carried by incoming HTTP headers. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Writes the trace context of `span` (traceparent, tracestate) into `carrier`. */
export function injectSpanContext(span: Span, carrier: Record<string, string>): Record<string, string> {
  propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
  return carrier;
}

/** Starts a span (tracing must be on: callers check `tracingEnabled()` so the off path allocates nothing). */
export function startSpan(name: string, options: SpanOptions, parent: Context = context.active()): Span {
  return (tracer ?? trace.getTracer('@pathwise/platform')).startSpan(name, options, parent);
}

/** Runs `fn` with `span` active, so spans and traceparents captured inside are its children. */
export function runInSpan<T>(span: Span, fn: () => T, parent: Context = context.active()): T {
  return context.with(trace.setSpan(parent, span), fn);
}

/** Marks `span` failed with the error's message, keeping the exception as an event. */
export function recordFailure(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** Runs `work` in a new span child of `parent`, ending it (failed if `work` throws) when `work` settles. */
export async function inSpan<T>(name: string, options: SpanOptions, parent: Context, work: (span: Span) => Promise<T>): Promise<T> {
  const span = startSpan(name, options, parent);
  try {
    return await runInSpan(span, () => work(span), parent);
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    span.end();
  }
}
