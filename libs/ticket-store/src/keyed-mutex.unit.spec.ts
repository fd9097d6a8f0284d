import { KeyedMutex, KeyedMutexRejection } from './keyed-mutex';

/** A task that runs until its `finish` is called. */
function heldTask() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const started = { value: false };
  return {
    started,
    finish: () => finish(),
    run: () => {
      started.value = true;
      return done.then(() => 'done');
    },
  };
}

describe('KeyedMutex', () => {
  it('runs the tasks of one key one at a time, in order', async () => {
    const mutex = new KeyedMutex({ maxWaiting: 10, maxWaitMs: 5_000 });
    const order: string[] = [];
    const first = heldTask();
    const running = mutex.run('a', first.run);
    const second = mutex.run('a', async () => order.push('second'));
    await Promise.resolve();
    expect(order).toEqual([]);
    first.finish();
    await expect(running).resolves.toBe('done');
    await second;
    expect(order).toEqual(['second']);
  });

  it('lets tasks of other keys run while one key is busy', async () => {
    const mutex = new KeyedMutex({ maxWaiting: 1, maxWaitMs: 5_000 });
    const held = heldTask();
    const running = mutex.run('a', held.run);
    await expect(mutex.run('b', () => Promise.resolve('b'))).resolves.toBe('b');
    held.finish();
    await running;
  });

  it('refuses a task at once when the key already has maxWaiting tasks waiting, and never runs it', async () => {
    const mutex = new KeyedMutex({ maxWaiting: 2, maxWaitMs: 5_000 });
    const held = heldTask();
    const running = mutex.run('a', held.run);
    const waiting = [mutex.run('a', async () => 1), mutex.run('a', async () => 2)];
    let ranRefused = false;
    const refused = mutex.run('a', async () => {
      ranRefused = true;
    });
    await expect(refused).rejects.toEqual(new KeyedMutexRejection('full'));
    held.finish();
    await running;
    await expect(Promise.all(waiting)).resolves.toEqual([1, 2]);
    expect(ranRefused).toBe(false);
  });

  it('gives up on a task that waited longer than maxWaitMs, never runs it, and keeps the queue going', async () => {
    const mutex = new KeyedMutex({ maxWaiting: 5, maxWaitMs: 50 });
    const held = heldTask();
    const running = mutex.run('a', held.run);
    let ranTimedOut = false;
    const timedOut = mutex.run('a', async () => {
      ranTimedOut = true;
    });
    await expect(timedOut).rejects.toEqual(new KeyedMutexRejection('timeout'));
    const after = mutex.run('a', async () => 'after');
    held.finish();
    await running;
    await expect(after).resolves.toBe('after');
    expect(ranTimedOut).toBe(false);
  });

  it('a failed task does not stop the next one', async () => {
    const mutex = new KeyedMutex({ maxWaiting: 5, maxWaitMs: 5_000 });
    const failed = mutex.run('a', () => Promise.reject(new Error('boom')));
    const next = mutex.run('a', async () => 'next');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('next');
  });
});
