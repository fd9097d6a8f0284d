import { isDependencyUnavailable } from './dependency-unavailable';

describe('isDependencyUnavailable', () => {
  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    ],
    ['PostgreSQL shutting down', Object.assign(new Error('terminating'), { code: '57P01' })],
    ['PostgreSQL starting up', Object.assign(new Error('starting up'), { code: '57P03' })],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a storage error caused by a refused connection',
      new Error('object storage failed', {
        cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
      }),
    ],
  ])('is true for %s', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError('x is undefined')],
    ['a unique violation', Object.assign(new Error('duplicate'), { code: '23505' })],
    ['not an error', 'ECONNREFUSED'],
  ])('is false for %s', (_name, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});
