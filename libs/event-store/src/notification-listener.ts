import { Client } from 'pg';
import { KeyedWakeups } from './keyed-wakeups';
import type { Wakeup, WakeupKey } from './keyed-wakeups';

/**
 * One LISTEN connection per process on a channel; a notification wakes only the waiters of the keys its payload
 * names (and those that wait for any). Connected lazily by the first wait, again after a lost connection; a
 * waiter must still re-check on its own timeout, as a notification sent while not listening is lost.
 */
export class PgNotificationListener {
  private client?: Client;
  private connecting?: Promise<void>;
  private readonly wakeups = new KeyedWakeups();

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly keysOf: (payload: string) => readonly string[] = (payload) => [payload],
  ) {}

  get isClosed(): boolean {
    return this.wakeups.isClosed;
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
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.connectionString,
      application_name: `listen-${this.channel}`,
    });
    client.on('notification', ({ payload }) => this.wakeups.wake(this.keysOf(payload ?? '')));
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    if (this.isClosed) {
      await client.end();
      return;
    }
    this.client = client;
  }
}
