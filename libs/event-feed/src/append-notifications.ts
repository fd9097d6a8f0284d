import { Client } from 'pg';
import { OUTBOX_CHANNEL } from '@app/event-store';

export interface Wakeup {
  readonly promise: Promise<void>;
  cancel(): void;
}

/**
 * One LISTEN connection per process on the channel every append notifies at commit; long-polls wait on it
 * instead of querying in a loop.
 */
export class AppendNotifications {
  private client?: Client;
  private connecting?: Promise<void>;
  private readonly waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly connectionString: string) {}

  /** After close, long-polls answer at once so that shutdown does not wait for them. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves at the next append, or after timeoutMs; registered at once, so no notification is missed. */
  next(timeoutMs: number): Wakeup {
    let done!: () => void;
    const promise = new Promise<void>((resolve) => {
      const timer = setTimeout(() => done(), this.closed ? 0 : timeoutMs);
      done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
    });
    this.listen().catch(() => undefined);
    return { promise, cancel: () => done() };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    client.on('notification', () => {
      for (const wake of [...this.waiters]) wake();
    });
    client.on('error', () => {
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.client = client;
  }
}
