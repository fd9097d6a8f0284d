import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import pino from 'pino';
import type { DestinationStream, Level, Logger, LoggerOptions } from 'pino';
import pretty from 'pino-pretty';

export type LogFormat = 'json' | 'pretty';

/** What every log line written while serving a request carries. */
export interface LogContext {
  readonly reqId: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();

let root: Logger | undefined;

/** The process's logger: one JSON line per entry (pretty for a terminal), with the request id in a request. */
export function createRootLogger(
  service: string,
  level: Level,
  format: LogFormat,
  // asynchronous: lines are written off the request path (several per write under load), flushed at exit
  destination: DestinationStream = pino.destination({ dest: 1, sync: false }),
): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const context = logContext.getStore();
      return context ? { reqId: context.reqId } : {};
    },
  };
  root =
    format === 'pretty'
      ? pino(options, pretty({ colorize: true, sync: true, ignore: 'pid,hostname,service' }))
      : pino(options, destination);
  return root;
}

/** The logger of createRootLogger; before it runs (module construction), one in the same format. */
export const rootLogger = (): Logger =>
  (root ??= createRootLogger(process.env.SERVICE_NAME ?? 'support-tickets', 'info', 'json'));

type NestLevel = 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal';

const PINO_LEVEL: Record<NestLevel, Level> = {
  log: 'info',
  error: 'error',
  warn: 'warn',
  debug: 'debug',
  verbose: 'trace',
  fatal: 'fatal',
};

/** Nest's logger interface over pino: Nest passes (message, ...[stack], context). */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: NestLevel, message: unknown, rest: unknown[]): void {
    const args = [...rest];
    const context = args.length > 0 && typeof args.at(-1) === 'string' ? args.pop() : undefined;
    const stack = level === 'error' && typeof args[0] === 'string' ? args.shift() : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = stack;
    if (message instanceof Error) fields.err = message;
    const text = message instanceof Error ? message.message : message;
    if (typeof text === 'object' && text !== null) Object.assign(fields, text);
    this.logger[PINO_LEVEL[level]](fields, typeof text === 'string' ? text : undefined);
  }
}
