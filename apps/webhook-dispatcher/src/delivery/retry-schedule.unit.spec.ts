import { retryDelayMs } from './retry-schedule';

const schedule = { baseMs: 1_000, maxMs: 60_000 };

describe('the webhook retry schedule', () => {
  it('doubles the wait after each failed attempt', () => {
    const top = (attempts: number) => retryDelayMs(schedule, attempts, () => 1);
    expect([1, 2, 3, 4].map(top)).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('draws the wait between half and all of the step, so receivers are not hit in lockstep', () => {
    expect(retryDelayMs(schedule, 3, () => 0)).toBe(2_000);
    expect(retryDelayMs(schedule, 3, () => 0.5)).toBe(3_000);
  });

  it('never waits longer than the maximum, however many attempts failed', () => {
    expect(retryDelayMs(schedule, 40, () => 1)).toBe(60_000);
    expect(retryDelayMs(schedule, 1_000, () => 1)).toBe(60_000);
  });
});
