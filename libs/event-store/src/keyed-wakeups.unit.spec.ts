import { KeyedWakeups } from './keyed-wakeups';

/** Whether a wake-up has resolved by the time pending callbacks have run. */
const settled = async (promise: Promise<boolean>): Promise<boolean | 'pending'> =>
  Promise.race([
    promise,
    new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending'))),
  ]);

describe('KeyedWakeups', () => {
  it("wakes only the waiters of the notified key and those of every key, never another key's", async () => {
    const wakeups = new KeyedWakeups();
    const [a, b, any] = [
      wakeups.next('A', 60_000),
      wakeups.next('B', 60_000),
      wakeups.next(null, 60_000),
    ];

    wakeups.wake(['A']);

    expect([
      await settled(a.promise),
      await settled(b.promise),
      await settled(any.promise),
    ]).toEqual([true, 'pending', true]);
    expect(wakeups.waiting('B')).toBe(1);
    b.cancel();
    expect(await b.promise).toBe(false);
    expect(wakeups.waiting('B')).toBe(0);
  });

  it('resolves false on its timeout, and forgets the waiter', async () => {
    const wakeups = new KeyedWakeups();

    expect(await wakeups.next('A', 1).promise).toBe(false);
    expect(wakeups.waiting('A')).toBe(0);
  });

  it('releases every waiter at close, and later waits at once', async () => {
    const wakeups = new KeyedWakeups();
    const waiting = wakeups.next('A', 60_000);

    wakeups.close();

    expect(await settled(waiting.promise)).toBe(true);
    expect(await wakeups.next('B', 60_000).promise).toBe(false);
  });
});
