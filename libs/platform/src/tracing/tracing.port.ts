/** A W3C trace context as it travels in headers and in an event's metadata. */
export interface TraceContext {
  readonly traceparent?: string;
  readonly tracestate?: string;
}

export type TraceSpanKind = 'server' | 'internal' | 'producer' | 'consumer';

export interface TraceSpan {
  /** This span's context, to hand to its children in other processes; empty when tracing is off. */
  readonly context: TraceContext;
  setAttribute(name: string, value: string | number): void;
  /** Ends the span, failed when given an error. */
  end(error?: unknown): void;
}

/** Manual spans with W3C context propagation; the one adapter is OpenTelemetry's SDK. */
export interface Tracing {
  readonly enabled: boolean;
  startSpan(
    name: string,
    kind: TraceSpanKind,
    parent: TraceContext | undefined,
    attributes?: Record<string, string | number>,
  ): TraceSpan;
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

const EMPTY: TraceContext = Object.freeze({});

const NO_SPAN: TraceSpan = Object.freeze({
  context: EMPTY,
  setAttribute: () => undefined,
  end: () => undefined,
});

/** Tracing off: no SDK, every span the same frozen no-op. */
export const NO_TRACING: Tracing = Object.freeze({
  enabled: false,
  startSpan: () => NO_SPAN,
  shutdown: () => Promise.resolve(),
});

/** Runs work in a span that ends when the work settles, failed if it throws. */
export async function inSpan<T>(
  tracing: Tracing,
  name: string,
  kind: TraceSpanKind,
  parent: TraceContext | undefined,
  work: (span: TraceSpan) => Promise<T>,
): Promise<T> {
  const span = tracing.startSpan(name, kind, parent);
  try {
    const result = await work(span);
    span.end();
    return result;
  } catch (error) {
    span.end(error);
    throw error;
  }
}
