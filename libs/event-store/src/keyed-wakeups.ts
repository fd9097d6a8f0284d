export interface Wakeup {
  /** true when a notification released it; false on its timeout, cancel or close. */
  readonly promise: Promise<boolean>;
  cancel(): void;
}

/** Waiters registered under a key; null: woken by every notification, whatever its keys. */
export type WakeupKey = string | null;

/**
 * Waiters by key, each released by a wake of its key (or of every key), by its timeout, or by close. Registered
 * at once, so a wake that comes before the caller awaits is not missed.
 */
export class KeyedWakeups {
  private readonly waiters = new Map<WakeupKey, Set<() => void>>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  /** How many waiters one key has (null: those woken by every notification). */
  waiting(key: WakeupKey): number {
    return this.waiters.get(key)?.size ?? 0;
  }

  next(key: WakeupKey, timeoutMs: number): Wakeup {
    let done!: (notified: boolean) => void;
    const promise = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), this.closed ? 0 : timeoutMs);
      const notified = () => done(true);
      done = (byNotification) => {
        clearTimeout(timer);
        const set = this.waiters.get(key);
        set?.delete(notified);
        if (set?.size === 0) this.waiters.delete(key);
        resolve(byNotification);
      };
      const set = this.waiters.get(key) ?? new Set();
      set.add(notified);
      this.waiters.set(key, set);
    });
    return { promise, cancel: () => done(false) };
  }

  /** Releases the waiters of these keys and those of every key; no other. */
  wake(keys: readonly string[]): void {
    for (const key of [...keys, null]) {
      for (const release of [...(this.waiters.get(key) ?? [])]) release();
    }
  }

  /** After close, every wait ends at once, so that shutdown does not wait for them. */
  close(): void {
    this.closed = true;
    this.wake([...this.waiters.keys()].filter((key) => key !== null));
  }
}
