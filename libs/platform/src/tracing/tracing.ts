import { NO_TRACING } from './tracing.port';
import type { Tracing } from './tracing.port';

let current: Tracing = NO_TRACING;

/**
 * Starts the process's tracing when an OTLP endpoint is configured; without one, no SDK is loaded and every
 * span is a shared no-op.
 */
export function startTracing(service: string, otlpEndpoint: string | undefined): Tracing {
  if (!otlpEndpoint) return current;
  // loaded only when configured, so a service without an endpoint never loads the SDK
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('./otel-tracing') as typeof import('./otel-tracing');
  current = new sdk.OtelTracing(service, sdk.otlpHttpProcessor(otlpEndpoint));
  return current;
}

/** The process's tracing: NO_TRACING unless startTracing found an endpoint. */
export const tracing = (): Tracing => current;

/** For tests that run services' parts in-process with their own exporter. */
export function useTracing(tracing: Tracing): () => void {
  const previous = current;
  current = tracing;
  return () => {
    current = previous;
  };
}
