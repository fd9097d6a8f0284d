import { WaitLimits } from './wait-limits';

describe('WaitLimits', () => {
  const limits = () => new WaitLimits('long-polls', { perKey: 2, perInstance: 3 });

  it('refuses a key its third wait with 429 TOO_MANY_WAITS and Retry-After, while other keys still wait', () => {
    const waits = limits();
    waits.acquire('key-1');
    waits.acquire('key-1');

    expect(() => waits.acquire('key-1')).toThrow(
      expect.objectContaining({
        code: 'TOO_MANY_WAITS',
        extras: { headers: { 'retry-after': '1' } },
      }),
    );
    expect(() => waits.acquire('key-2')).not.toThrow();
  });

  it('refuses any key once the instance holds its limit: 503 WAIT_CAPACITY_REACHED with Retry-After', () => {
    const waits = limits();
    waits.acquire('key-1');
    waits.acquire('key-2');
    waits.acquire('key-3');

    expect(() => waits.acquire('key-4')).toThrow(
      expect.objectContaining({
        code: 'WAIT_CAPACITY_REACHED',
        extras: { headers: { 'retry-after': '1' } },
      }),
    );
  });

  it('gives a place back once, however often it is released', () => {
    const waits = limits();
    const release = waits.acquire('key-1');
    waits.acquire('key-1');

    release();
    release();

    expect([waits.held('key-1'), waits.held()]).toEqual([1, 1]);
    expect(() => waits.acquire('key-1')).not.toThrow();
  });
});
