import type { Pool, PoolClient } from 'pg';
import { isUniqueViolation, withTransaction } from '@app/platform/db/database';
import { toEnvelope } from './event-envelope';
import { WrongExpectedVersionError } from './event-store.port';
import type {
  AppendResult,
  EventRecord,
  EventStore,
  ReadStreamOptions,
  StoredEvent,
} from './event-store.port';

export const OUTBOX_CHANNEL = 'outbox_appended';

interface EventRow {
  event_id: string;
  global_position: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventRecord['metadata'];
  recorded_at: Date;
}

export interface OutboxRouting {
  readonly topic: string;
  /** The Kafka message key; events of one key keep their order. */
  keyOf(streamId: string): string;
}

export type Upcaster<E extends EventRecord> = (record: EventRecord) => E;

const toStored = <E extends EventRecord>(row: EventRow, upcast: Upcaster<E>): StoredEvent<E> => ({
  eventId: row.event_id,
  globalPosition: row.global_position,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  recordedAt: row.recorded_at.toISOString(),
  event: upcast({
    type: row.event_type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
  }),
});

const COLUMNS =
  'event_id, global_position, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at';

export class PgEventStore<E extends EventRecord> implements EventStore<E> {
  constructor(
    private readonly pool: Pool,
    private readonly routing: OutboxRouting,
    private readonly upcast: Upcaster<E>,
  ) {}

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent<E>[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${COLUMNS} FROM events
       WHERE stream_id = $1 AND stream_version > $2 AND ($3::timestamptz IS NULL OR occurred_at <= $3)
       ORDER BY stream_version LIMIT $4`,
      [streamId, options.afterVersion ?? 0, options.until ?? null, options.limit ?? null],
    );
    return rows.map((row) => toStored(row, this.upcast));
  }

  async appendToStream(
    streamId: string,
    expectedVersion: number,
    events: readonly E[],
  ): Promise<AppendResult> {
    try {
      return await withTransaction(this.pool, (client) =>
        this.appendIn(client, streamId, expectedVersion, events),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_unique')) {
        throw new WrongExpectedVersionError(streamId, expectedVersion);
      }
      throw error;
    }
  }

  private async appendIn(
    client: PoolClient,
    streamId: string,
    expectedVersion: number,
    events: readonly E[],
  ): Promise<AppendResult> {
    const stored: StoredEvent[] = [];
    for (const [index, event] of events.entries()) {
      const { rows } = await client.query<EventRow>(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [
          streamId,
          expectedVersion + index + 1,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          event.metadata.occurredAt,
        ],
      );
      stored.push(toStored(rows[0], (record) => record));
    }
    await client.query(
      `INSERT INTO outbox (global_position, topic, message_key, payload)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        stored.map((s) => s.globalPosition),
        stored.map(() => this.routing.topic),
        stored.map(() => this.routing.keyOf(streamId)),
        stored.map((s) => JSON.stringify(toEnvelope(s))),
      ],
    );
    await client.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, streamId]);
    return { nextExpectedVersion: expectedVersion + events.length, events: stored };
  }
}
