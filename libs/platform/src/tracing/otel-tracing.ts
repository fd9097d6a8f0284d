import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { Span, Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type { TraceContext, TraceSpan, TraceSpanKind, Tracing } from './tracing.port';

const KIND: Record<TraceSpanKind, SpanKind> = {
  server: SpanKind.SERVER,
  internal: SpanKind.INTERNAL,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
};

const propagator = new W3CTraceContextPropagator();

/** OTLP/HTTP to `<endpoint>/v1/traces`, as OTEL_EXPORTER_OTLP_ENDPOINT means it. */
export const otlpHttpProcessor = (endpoint: string): SpanProcessor =>
  new BatchSpanProcessor({
    exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }),
  });

/** The Tracing port over OpenTelemetry's SDK; contexts are passed explicitly, no global is registered. */
export class OtelTracing implements Tracing {
  readonly enabled = true;
  private readonly provider: TracerProvider;
  private readonly tracer: Tracer;

  constructor(service: string, processor: SpanProcessor) {
    this.provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': service }),
      spanProcessors: [processor],
    });
    this.tracer = this.provider.getTracer('support-tickets');
  }

  startSpan(
    name: string,
    kind: TraceSpanKind,
    parent: TraceContext | undefined,
    attributes?: Record<string, string | number>,
  ): TraceSpan {
    const parentContext = parent?.traceparent
      ? propagator.extract(ROOT_CONTEXT, parent, defaultTextMapGetter)
      : ROOT_CONTEXT;
    const span = this.tracer.startSpan(name, { kind: KIND[kind], attributes }, parentContext);
    return new OtelSpan(span);
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

class OtelSpan implements TraceSpan {
  readonly context: TraceContext;

  constructor(private readonly span: Span) {
    const carrier: Record<string, string> = {};
    propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
    this.context = carrier;
  }

  setAttribute(name: string, value: string | number): void {
    this.span.setAttribute(name, value);
  }

  end(error?: unknown): void {
    if (error !== undefined) {
      this.span.recordException(error instanceof Error ? error : String(JSON.stringify(error)));
      this.span.setStatus({ code: SpanStatusCode.ERROR });
    }
    this.span.end();
  }
}
