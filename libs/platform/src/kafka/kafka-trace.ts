import type { IHeaders } from 'kafkajs';
import type { TraceContext } from '../tracing/tracing.port';

const text = (value: IHeaders[string]): string | undefined => {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

/** The W3C trace context the relay put in a message's headers. */
export const messageTrace = (headers: IHeaders | undefined): TraceContext => ({
  traceparent: text(headers?.traceparent),
  tracestate: text(headers?.tracestate),
});
