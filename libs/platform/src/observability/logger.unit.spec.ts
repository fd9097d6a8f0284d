import { Writable } from 'node:stream';
import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from '../kafka/kafka-log';
import { createRootLogger, logContext, PinoNestLogger } from './logger';

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, stream };
}

describe('logger', () => {
  it('writes Nest log calls as JSON lines with the service, level and context', () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(createRootLogger('ticket-api', 'info', 'json', stream));
    logger.log('listening', 'Bootstrap');
    logger.error('boom', 'Error: boom\n    at x', 'Errors');
    logger.debug('hidden below info');
    expect(lines()).toEqual([
      expect.objectContaining({
        service: 'ticket-api',
        level: 'info',
        context: 'Bootstrap',
        msg: 'listening',
      }),
      expect.objectContaining({
        level: 'error',
        context: 'Errors',
        stack: 'Error: boom\n    at x',
      }),
    ]);
  });

  it('adds the request id to every line written while serving that request', () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(createRootLogger('ticket-api', 'info', 'json', stream));
    logContext.run({ reqId: 'req-1' }, () => logger.warn('slow query', 'Db'));
    logger.warn('outside any request');
    expect(lines()[0]).toMatchObject({ reqId: 'req-1', msg: 'slow query' });
    expect(lines()[1]).not.toHaveProperty('reqId');
  });

  it('writes kafkajs entries through the same logger', () => {
    const { lines, stream } = capture();
    createRootLogger('projector', 'info', 'json', stream);
    kafkaLogCreator(logLevel.WARN)({
      namespace: 'Connection',
      level: logLevel.ERROR,
      label: 'ERROR',
      log: { timestamp: 'x', logger: 'kafkajs', message: 'Connection refused', broker: 'b:9092' },
    });
    expect(lines()).toEqual([
      expect.objectContaining({
        service: 'projector',
        level: 'error',
        component: 'kafkajs',
        namespace: 'Connection',
        broker: 'b:9092',
        msg: 'Connection refused',
      }),
    ]);
  });
});
