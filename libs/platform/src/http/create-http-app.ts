import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { LogLevel } from '@nestjs/common';
import type { HttpConfig } from '../config/common.config';
import { httpMetricsHook } from '../observability/http-metrics';
import { Metrics } from '../observability/metrics';
import type { ErrorMapper } from './error-catalog';
import { ProblemDetailsFilter } from './problem-details.filter';
import { RouteTable } from './route-table';
import { createValidationPipe } from './validation.pipe';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug'];

export const logLevels = (level: HttpConfig['LOG_LEVEL']): LogLevel[] =>
  LEVELS.slice(0, LEVELS.indexOf(level === 'info' ? 'log' : level) + 1);

export interface HttpAppOptions {
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
  const routes = new RouteTable();
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit,
    trustProxy: true,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
      headerValue(req.headers['x-request-id'])?.slice(0, 128) ?? randomUUID(),
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // requests in flight at shutdown finish, then their keep-alive connections close so the process can exit
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
  const app = await NestFactory.create<NestFastifyApplication>(module as never, adapter, {
    logger: logLevels(config.LOG_LEVEL),
  });
  const metrics = metricsOf(app);
  if (metrics) fastify.addHook('onResponse', httpMetricsHook(metrics));
  app.useGlobalFilters(new ProblemDetailsFilter(routes, options.errorMappers));
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}

/** The app's metrics registry, when its module provides one. */
function metricsOf(app: NestFastifyApplication): Metrics | undefined {
  try {
    return app.get(Metrics, { strict: false });
  } catch {
    return undefined;
  }
}
