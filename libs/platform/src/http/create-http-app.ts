import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from '@nestjs/common';
import type { HttpConfig } from '../config/common.config';
import { httpMetricsHook } from '../observability/http-metrics';
import { requestLogHook } from '../observability/request-log';
import { createRootLogger, logContext, PinoNestLogger } from '../observability/logger';
import { httpTracingHooks } from '../tracing/http-tracing';
import { startTracing } from '../tracing/tracing';
import { Metrics } from '../observability/metrics';
import { depthLimitedJsonParser } from './json-body';
import type { ErrorMapper } from './error-catalog';
import { ProblemDetailsFilter } from './problem-details.filter';
import { RouteTable } from './route-table';
import { createValidationPipe } from './validation.pipe';

export interface HttpAppOptions {
  /** The service's name in its log lines. */
  readonly service: string;
  readonly bodyLimit: number;
  /** The app's feature errors (a ticket's rules, say), tried before the API's own. */
  readonly errorMappers?: readonly ErrorMapper[];
}

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** A Nest app on Fastify with the shared conventions: problem+json errors, whitelisting DTOs, request ids. */
export async function createHttpApp(
  module: unknown,
  config: HttpConfig,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const logger = new PinoNestLogger(
    createRootLogger(options.service, config.LOG_LEVEL, config.LOG_FORMAT),
  );
  Logger.overrideLogger(logger);
  const routes = new RouteTable();
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit,
    trustProxy: true,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
      headerValue(req.headers['x-request-id'])?.slice(0, 128) ?? randomUUID(),
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    logContext.run({ reqId: request.id }, done);
  });
  fastify.addHook('onResponse', requestLogHook());
  const tracing = startTracing(options.service, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (tracing.enabled) {
    const hooks = httpTracingHooks(tracing);
    fastify.addHook('onRequest', hooks.onRequest);
    fastify.addHook('onResponse', hooks.onResponse);
    fastify.addHook('onClose', () => tracing.shutdown());
  }
  // requests in flight at shutdown finish, then their keep-alive connections close so the process can exit
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
  fastify.addHook('onSend', async (_request, reply) => jsonResponseHeaders(reply));
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger,
  });
  adapter.useBodyParser(
    'application/json',
    false,
    { bodyLimit: options.bodyLimit },
    depthLimitedJsonParser(fastify.getDefaultJsonParser('error', 'error')),
  );
  const metrics = metricsOf(app);
  if (metrics) fastify.addHook('onResponse', httpMetricsHook(metrics));
  app.useGlobalFilters(new ProblemDetailsFilter(routes, options.errorMappers));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}

interface HeaderWriter {
  getHeader(name: string): unknown;
  hasHeader(name: string): boolean;
  header(name: string, value: string): unknown;
}

/** API answers in JSON are never sniffed as another type, nor stored by a cache unless a route says so. */
function jsonResponseHeaders(reply: HeaderWriter): void {
  const type = reply.getHeader('content-type');
  if (typeof type !== 'string' || !/^application\/(problem\+)?json\b/.test(type)) return;
  void reply.header('x-content-type-options', 'nosniff');
  if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
}

/** The app's metrics registry, when its module provides one. */
function metricsOf(app: NestFastifyApplication): Metrics | undefined {
  try {
    return app.get(Metrics, { strict: false });
  } catch {
    return undefined;
  }
}
