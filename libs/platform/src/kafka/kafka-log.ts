import { logLevel } from 'kafkajs';
import type { logCreator } from 'kafkajs';
import type { Level } from 'pino';
import { rootLogger } from '../observability/logger';

const LEVEL: Record<number, Level> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs's log entries through the service's logger, as JSON lines like every other. */
export const kafkaLogCreator: logCreator =
  () =>
  ({ namespace, level, log }) => {
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
    const logger = rootLogger().child({ component: 'kafkajs', namespace });
    logger[LEVEL[level] ?? 'info'](fields, message);
  };
