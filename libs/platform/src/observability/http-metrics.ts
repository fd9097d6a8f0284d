import type { Metrics } from './metrics';

/** An onResponse hook: latency by method, route pattern and status; the histogram's _count is the request rate. */
export function httpMetricsHook(metrics: Metrics) {
  const observe = metrics.histogram(
    'http_request_duration_seconds',
    'HTTP requests by method, route and status, with their latency',
  );
  return async (
    request: { method: string; routeOptions: { url?: string } },
    reply: { statusCode: number; elapsedTime: number },
  ): Promise<void> => {
    observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  };
}
