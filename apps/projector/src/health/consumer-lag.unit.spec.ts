import { PendingAge } from './consumer-lag';

const T0 = 1_700_000_000_000;

describe('PendingAge', () => {
  it('is 0 while the group has committed everything', () => {
    const age = new PendingAge();

    expect(age.observe(0, 10, 10, T0)).toBe(0);
    expect(age.observe(0, 10, 10, T0 + 60_000)).toBe(0);
  });

  it('grows from the first observation of a pending event while the partition is stuck', () => {
    const age = new PendingAge();
    age.observe(0, 10, 10, T0);

    expect(age.observe(0, 11, 10, T0 + 1_000)).toBe(0);
    expect(age.observe(0, 14, 10, T0 + 3_500)).toBe(2.5);
    expect(age.observe(0, 14, 10, T0 + 10_000)).toBe(9);
  });

  it('is exact for the event a replica is projecting', () => {
    const age = new PendingAge();

    expect(age.observe(0, 11, 10, T0 + 4_000, T0 + 250)).toBe(3.75);
  });

  it('does not accumulate under steady traffic that is projected as it comes', () => {
    const age = new PendingAge();
    for (let i = 0; i < 100; i++) age.observe(0, 100 + i + 1, 100 + i, T0 + i * 1_000);

    // the pending event at offset 199 appeared with the last sample, a second ago
    expect(age.observe(0, 201, 200, T0 + 100_000)).toBe(0);
    expect(age.observe(0, 201, 200, T0 + 101_000)).toBe(1);
  });

  it('once the oldest pending events are done, ages the next ones from when they were first seen', () => {
    const age = new PendingAge();
    age.observe(0, 12, 10, T0);
    age.observe(0, 15, 10, T0 + 5_000);

    expect(age.observe(0, 15, 12, T0 + 8_000)).toBe(3);
    expect(age.observe(0, 15, 15, T0 + 9_000)).toBe(0);
  });

  it('keeps partitions apart', () => {
    const age = new PendingAge();
    age.observe(0, 11, 10, T0);
    age.observe(1, 5, 5, T0);

    expect(age.observe(0, 11, 10, T0 + 2_000)).toBe(2);
    expect(age.observe(1, 5, 5, T0 + 2_000)).toBe(0);
  });
});
