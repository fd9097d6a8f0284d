export interface KeyedMutexLimits {
  /** Tasks of one key that may wait behind the running one; more are refused at once. */
  readonly maxWaiting: number;
  /** A task still waiting after this is refused and never runs. */
  readonly maxWaitMs: number;
}

/** Why a task was refused without running: its key's queue was full, or it waited too long. */
export class KeyedMutexRejection extends Error {
  constructor(readonly reason: 'full' | 'timeout') {
    super(reason === 'full' ? 'too many tasks are waiting on this key' : 'waited too long');
    this.name = 'KeyedMutexRejection';
  }
}

interface Waiter {
  readonly start: () => void;
}

/**
 * Runs tasks of one key one at a time in this process, so concurrent commands on a ticket queue, not collide.
 * Each key's queue is bounded in length and in waiting time, so one busy key cannot hold unbounded work.
 */
export class KeyedMutex {
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly limits: KeyedMutexLimits) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.turn(key);
    try {
      return await task();
    } finally {
      this.next(key);
    }
  }

  /** Resolves when the key is this task's; a key with no queue is free. */
  private turn(key: string): Promise<void> {
    const waiting = this.queues.get(key);
    if (!waiting) {
      this.queues.set(key, []);
      return Promise.resolve();
    }
    if (waiting.length >= this.limits.maxWaiting) {
      return Promise.reject(new KeyedMutexRejection('full'));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(new KeyedMutexRejection('timeout'));
      }, this.limits.maxWaitMs);
      waiting.push(waiter);
    });
  }

  private next(key: string): void {
    const waiting = this.queues.get(key);
    const waiter = waiting?.shift();
    if (waiter) waiter.start();
    else this.queues.delete(key);
  }
}
