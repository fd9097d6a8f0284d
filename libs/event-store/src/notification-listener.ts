import { Client } from 'pg';
import { KeyedWakeups } from './keyed-wakeups';
import type { Wakeup, WakeupKey } from './keyed-wakeups';

export interface NotificationObserver {
  notified(keys: readonly string[]): void;
  missed(): void;
}

/**
 * One LISTEN connection per process on a channel; a notification wakes only the waiters of the keys its payload
 * names (and those that wait for any). Connected lazily by the first wait, again after a lost connection; a
 * waiter must still re-check on its own timeout, as a notification sent while not listening is lost.
 */
export class PgNotificationListener {
  private client?: Client;
  private connecting?: Promise<void>;
  private readonly wakeups = new KeyedWakeups();
  private readonly observers: NotificationObserver[] = [];

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly keysOf: (payload: string) => readonly string[] = (payload) => [payload],
  ) {}

  get isClosed(): boolean {
    return this.wakeups.isClosed;
  }

  /** True while connected and listening: only then does every notification reach the observers. */
  get isListening(): boolean {
    return this.client !== undefined;
  }

  /** Told each notification's keys, and told to forget when notifications may have been missed. */
  observe(observer: NotificationObserver): void {
    this.observers.push(observer);
  }

  /** Resolves at the next notification for this key (null: any), or after timeoutMs. */
  next(key: WakeupKey, timeoutMs: number): Wakeup {
    const wakeup = this.wakeups.next(key, timeoutMs);
    this.listen().catch(() => undefined);
    return wakeup;
  }

  /** Connects now (the waits connect by themselves; this spares the first one a missed notification). */
  listen(): Promise<void> {
    if (this.client || this.isClosed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async close(): Promise<void> {
    this.wakeups.close();
    const client = this.client;
    this.lost();
    await this.connecting?.catch(() => undefined);
    await (client ?? this.client)?.end().catch(() => undefined);
    this.client = undefined;
  }

  private lost(): void {
    this.client = undefined;
    for (const observer of this.observers) observer.missed();
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.connectionString,
      application_name: `listen-${this.channel}`,
    });
    client.on('notification', ({ payload }) => {
      const keys = this.keysOf(payload ?? '');
      for (const observer of this.observers) observer.notified(keys);
      this.wakeups.wake(keys);
    });
    client.on('error', () => {
      if (this.client === client) this.lost();
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    if (this.isClosed) {
      await client.end();
      return;
    }
    // whatever was notified before this connection listened is unknown
    for (const observer of this.observers) observer.missed();
    this.client = client;
  }
}
