import type { Client, Pool } from 'pg';
import { listenOn } from '@app/platform/db/listen-connection';

/** Notified by the webhook_endpoints trigger at the commit of any change to the table (migration 020). */
export const WEBHOOK_ENDPOINTS_CHANGED_CHANNEL = 'webhook_endpoints_changed';

interface Wanting {
  readonly eventTypes: ReadonlySet<string> | null;
  readonly createdAtMs: number;
}

/** The enabled endpoints, as far as which events they may want. */
export class EndpointSnapshot {
  private readonly byAccount = new Map<string, Wanting[]>();
  /** Across accounts: the earliest creation of an endpoint that wants a type (key null: every type). */
  private readonly earliest = new Map<string | null, number>();

  constructor(
    rows: readonly { accountId: string; eventTypes: string[] | null; createdAt: Date }[],
  ) {
    for (const row of rows) {
      const wanting = {
        eventTypes: row.eventTypes ? new Set(row.eventTypes) : null,
        createdAtMs: row.createdAt.getTime(),
      };
      for (const type of row.eventTypes ?? [null]) {
        this.earliest.set(type, Math.min(this.earliest.get(type) ?? Infinity, wanting.createdAtMs));
      }
      const ofAccount = this.byAccount.get(row.accountId);
      if (ofAccount) ofAccount.push(wanting);
      else this.byAccount.set(row.accountId, [wanting]);
    }
  }

  /** False only when no endpoint can want it; true may still be no (the database decides, to the microsecond). */
  mayWant(accountId: string | null, eventType: string, recordedAt: string): boolean {
    const recordedMs = Date.parse(recordedAt);
    const since = (createdAtMs: number | undefined) =>
      createdAtMs !== undefined && (Number.isNaN(recordedMs) || createdAtMs <= recordedMs);
    if (accountId === null) {
      return since(this.earliest.get(eventType)) || since(this.earliest.get(null));
    }
    return (this.byAccount.get(accountId) ?? []).some(
      (e) => (e.eventTypes === null || e.eventTypes.has(eventType)) && since(e.createdAtMs),
    );
  }
}

/**
 * The endpoint set in memory, loaded after LISTEN and again at the commit of any change to it. While not
 * listening, or while a reload after a change is under way, `current` is null and callers ask the database.
 */
export class WebhookEndpointSet {
  private snapshot: EndpointSnapshot | null = null;
  /** Bumped by every change: a load that raced one is not kept. */
  private generation = 0;
  private client?: Client;
  private connecting?: Promise<void>;
  private reloading?: Promise<void>;
  private closed = false;

  constructor(
    private readonly pool: Pool,
    private readonly connectionString: string,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get current(): EndpointSnapshot | null {
    if (!this.client) this.listen().catch(this.onError);
    else if (!this.snapshot) this.reloadSoon();
    return this.snapshot;
  }

  listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    this.changed();
  }

  private changed(): void {
    this.generation += 1;
    this.snapshot = null;
  }

  private reloadSoon(): void {
    this.reloading ??= this.reload()
      .catch(this.onError)
      .finally(() => (this.reloading = undefined));
  }

  private async reload(): Promise<void> {
    const generation = this.generation;
    const { rows } = await this.pool.query<{
      account_id: string;
      event_types: string[] | null;
      created_at: Date;
    }>(
      'SELECT account_id, event_types, created_at FROM webhook_endpoints WHERE disabled_at IS NULL',
    );
    if (generation !== this.generation || !this.client) return;
    this.snapshot = new EndpointSnapshot(
      rows.map((r) => ({
        accountId: r.account_id,
        eventTypes: r.event_types,
        createdAt: r.created_at,
      })),
    );
  }

  private async connect(): Promise<void> {
    const client = await listenOn({
      connectionString: this.connectionString,
      applicationName: 'webhook-endpoint-set',
      channel: WEBHOOK_ENDPOINTS_CHANGED_CHANNEL,
      onNotify: () => {
        this.changed();
        this.reloadSoon();
      },
      onLost: (lostClient) => {
        if (this.client === lostClient) this.client = undefined;
        this.changed();
      },
    });
    if (this.closed) {
      await client.end();
      return;
    }
    this.changed();
    this.client = client;
    this.reloadSoon();
    await this.reloading;
  }
}
