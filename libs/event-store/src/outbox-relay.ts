import type { Pool, PoolClient, QueryResult } from 'pg';
import { tracing } from '@app/platform/tracing/tracing';
import type { TraceContext, TraceSpan } from '@app/platform/tracing/tracing.port';
import type { OutboxMessage, OutboxPublisher } from './outbox-publisher.port';
import { OUTBOX_CHANNEL } from './pg-event-store';

const RELAY_LOCK = 7_340_002;

export interface OutboxRelayOptions {
  readonly batchSize: number;
  /** Poll even without a notification, in case one was missed. */
  readonly pollIntervalMs: number;
  /** After a wake-up, how long to let rows gather before publishing them in one batch. */
  readonly lingerMs?: number;
  readonly retryDelayMs: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: { type: string; streamVersion: number; eventId: string; metadata?: TraceContext };
}

export interface RelayStats {
  leader: boolean;
  /** False from a failed publish until the next successful one. */
  brokerReachable: boolean;
  published: number;
  lastPublishedAt: string | null;
  lastError: string | null;
}

/**
 * Publishes outbox rows to Kafka in id order. Only the instance holding an advisory lock publishes, so events
 * of one ticket leave in order; rows are claimed with FOR UPDATE SKIP LOCKED and deleted once acknowledged,
 * so a row whose transaction commits late is never skipped.
 */
export class OutboxRelay {
  readonly stats: RelayStats = {
    leader: false,
    brokerReachable: true,
    published: 0,
    lastPublishedAt: null,
    lastError: null,
  };
  private listener?: PoolClient;
  private stopping = false;
  private wake?: () => void;
  private notified = false;
  private loop?: Promise<void>;

  constructor(
    private readonly pool: Pool,
    private readonly publisher: OutboxPublisher,
    private readonly options: OutboxRelayOptions,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    await this.releaseListener();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!this.stats.leader) await this.tryToLead();
        if (this.stats.leader) {
          if (this.options.lingerMs) await new Promise((r) => setTimeout(r, this.options.lingerMs));
          const published = await this.drainOnce();
          if (published === this.options.batchSize) continue;
        }
        this.stats.lastError = null;
        await this.sleep(
          this.stats.leader ? this.options.pollIntervalMs : this.options.retryDelayMs * 5,
        );
      } catch (error) {
        this.stats.lastError = error instanceof Error ? error.message : String(error);
        if (!this.listenerAlive()) await this.releaseListener();
        await this.sleep(this.options.retryDelayMs);
      }
    }
  }

  private async tryToLead(): Promise<void> {
    const client = await this.pool.connect();
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [RELAY_LOCK],
    );
    if (!rows[0].locked) {
      client.release();
      return;
    }
    client.on('notification', () => {
      this.notified = true;
      this.wake?.();
    });
    client.on('error', () => void this.releaseListener());
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.listener = client;
    this.stats.leader = true;
  }

  private listenerAlive(): boolean {
    return this.stats.leader && this.listener !== undefined;
  }

  private async releaseListener(): Promise<void> {
    const listener = this.listener;
    this.listener = undefined;
    this.stats.leader = false;
    if (!listener) return;
    // destroying the connection also releases the session-level advisory lock
    listener.release(true);
  }

  /** Publishes one batch; returns how many rows it published. */
  async drainOnce(): Promise<number> {
    const client = await this.pool.connect();
    try {
      // claimed and deleted in one statement, sent with the BEGIN in one round trip; a failed publish rolls
      // the delete back
      const [, { rows }] = (await client.query(
        `BEGIN; DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox ORDER BY id LIMIT ${Math.trunc(this.options.batchSize)} FOR UPDATE SKIP LOCKED
         ) RETURNING id, topic, message_key, payload`,
      )) as unknown as [QueryResult, QueryResult<OutboxRow>];
      if (rows.length > 0) await this.publish(rows.sort(byId));
      await client.query('COMMIT');
      if (rows.length > 0) {
        this.stats.published += rows.length;
        this.stats.lastPublishedAt = new Date().toISOString();
      }
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const spans = tracing().enabled ? rows.map(publishSpan) : [];
    try {
      await this.publisher.publish(
        spans.length > 0
          ? rows.map((r, i) => toMessage(r, spans[i].context))
          : rows.map((r) => toMessage(r)),
      );
      this.stats.brokerReachable = true;
      for (const span of spans) span.end();
    } catch (error) {
      this.stats.brokerReachable = false;
      for (const span of spans) span.end(error);
      throw error;
    }
  }

  async backlog(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>('SELECT count(*) FROM outbox');
    return Number(rows[0].count);
  }

  private sleep(ms: number): Promise<void> {
    if (this.notified) {
      this.notified = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.notified = false;
        resolve();
      };
    });
  }
}

/** RETURNING keeps no order; ids are bigints, so a longer id is a larger one. */
const byId = (a: OutboxRow, b: OutboxRow): number =>
  a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A producer span per message, child of the append that stored the event (its metadata's trace context). */
const publishSpan = (row: OutboxRow): TraceSpan =>
  tracing().startSpan(`${row.topic} publish`, 'producer', row.payload.metadata, {
    'messaging.system': 'kafka',
    'messaging.destination.name': row.topic,
    'messaging.operation.type': 'send',
  });

const toMessage = (row: OutboxRow, trace?: TraceContext): OutboxMessage => ({
  topic: row.topic,
  key: row.message_key,
  value: JSON.stringify(row.payload),
  headers: {
    'event-type': row.payload.type,
    'event-id': row.payload.eventId,
    'stream-version': String(row.payload.streamVersion),
    ...trace,
  },
});
