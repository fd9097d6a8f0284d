import { retryInBackground } from './retry-in-background';

describe('retryInBackground', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('tries again after each delay until an attempt succeeds, then stops', async () => {
    const attempt = jest
      .fn<Promise<void>, []>()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce(undefined);
    const failures: unknown[] = [];

    const done = retryInBackground(attempt, [1_000, 5_000, 15_000], (f) => failures.push(f));
    await jest.advanceTimersByTimeAsync(1_000);
    expect(attempt).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(5_000);

    await expect(done).resolves.toBe(true);
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(failures).toEqual([new Error('down')]);
  });

  it('gives up after the last delay, having tried once per delay', async () => {
    const attempt = jest.fn<Promise<void>, []>().mockRejectedValue(new Error('down'));

    const done = retryInBackground(attempt, [1_000, 5_000], () => undefined);
    await jest.advanceTimersByTimeAsync(6_000);

    await expect(done).resolves.toBe(false);
    expect(attempt).toHaveBeenCalledTimes(2);
  });
});
