import type { TraceContext, TraceSpan, Tracing } from './tracing.port';

interface TracedRequest {
  readonly method: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly routeOptions: { url?: string };
}

interface TracedReply {
  readonly statusCode: number;
}

const spans = new WeakMap<object, TraceSpan>();
/** Probes and scrapes every few seconds would bury the requests' traces. */
const UNTRACED_ROUTES = new Set(['/livez', '/readyz', '/health', '/metrics']);

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** The request's server span context (a child of the caller's traceparent); empty when tracing is off. */
export const requestTrace = (request: object): TraceContext | undefined =>
  spans.get(request)?.context;

/** Fastify hooks: a server span per request, from the caller's traceparent to the response's status. */
export function httpTracingHooks(tracing: Tracing) {
  return {
    onRequest: async (request: TracedRequest): Promise<void> => {
      const route = request.routeOptions.url ?? 'unmatched';
      if (UNTRACED_ROUTES.has(route)) return;
      const parent = {
        traceparent: single(request.headers.traceparent),
        tracestate: single(request.headers.tracestate),
      };
      spans.set(
        request,
        tracing.startSpan(`${request.method} ${route}`, 'server', parent, {
          'http.request.method': request.method,
          'http.route': route,
        }),
      );
    },
    onResponse: async (request: TracedRequest, reply: TracedReply): Promise<void> => {
      const span = spans.get(request);
      if (!span) return;
      span.setAttribute('http.response.status_code', reply.statusCode);
      span.end(reply.statusCode >= 500 ? new Error(`HTTP ${reply.statusCode}`) : undefined);
    },
  };
}
