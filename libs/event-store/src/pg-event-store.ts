import type { Pool } from 'pg';
import { isUniqueViolation } from '@app/platform/db/database';
import { WrongExpectedVersionError } from './event-store.port';
import type {
  AppendResult,
  EventRecord,
  EventStore,
  ReadStreamOptions,
  StoredEvent,
} from './event-store.port';

/**
 * Notified at the commit of every append, with the stream's account (events.account_id, filled by a trigger) as
 * the payload: the relay wakes on any, a change-feed long-poll only on its account's.
 */
export const OUTBOX_CHANNEL = 'outbox_appended';

/** A row of the events table, as node-postgres returns it. */
export interface EventRow {
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

export const toStored = <E extends EventRecord>(
  row: EventRow,
  upcast: Upcaster<E>,
): StoredEvent<E> => ({
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

export const EVENT_COLUMNS =
  'event_id, global_position, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at';

export class PgEventStore<E extends EventRecord> implements EventStore<E> {
  constructor(
    private readonly pool: Pool,
    private readonly routing: OutboxRouting,
    private readonly upcast: Upcaster<E>,
  ) {}

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent<E>[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1 AND stream_version > $2 AND ($3::timestamptz IS NULL OR occurred_at <= $3)
       ORDER BY stream_version LIMIT $4`,
      [streamId, options.afterVersion ?? 0, options.until ?? null, options.limit ?? null],
    );
    return rows.map((row) => toStored(row, this.upcast));
  }

  /**
   * One statement, so one round trip: the events, their outbox rows and the relay's wake-up commit together,
   * or not at all when another writer took one of the versions.
   */
  async appendToStream(
    streamId: string,
    expectedVersion: number,
    events: readonly E[],
  ): Promise<AppendResult<E>> {
    try {
      const { rows } = await this.pool.query<EventRow>(APPEND, [
        streamId,
        expectedVersion,
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        events.map((e) => JSON.stringify(e.data)),
        events.map((e) => JSON.stringify(e.metadata)),
        events.map((e) => e.metadata.occurredAt),
        this.routing.topic,
        this.routing.keyOf(streamId),
        OUTBOX_CHANNEL,
      ]);
      return {
        nextExpectedVersion: expectedVersion + events.length,
        events: rows.map((row) =>
          toStored(row, () => events[row.stream_version - expectedVersion - 1]),
        ),
      };
    } catch (error) {
      if (isUniqueViolation(error, 'events_stream_version_unique')) {
        throw new WrongExpectedVersionError(streamId, expectedVersion);
      }
      throw error;
    }
  }
}

const APPEND = `
  WITH appended AS (
    INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
    SELECT $1, $2 + e.ord, e.type, e.schema_version, e.data, e.metadata, e.occurred_at
    FROM unnest($3::text[], $4::int[], $5::jsonb[], $6::jsonb[], $7::timestamptz[])
      WITH ORDINALITY AS e(type, schema_version, data, metadata, occurred_at, ord)
    ORDER BY e.ord
    RETURNING ${EVENT_COLUMNS}, account_id
  ), outboxed AS (
    INSERT INTO outbox (global_position, topic, message_key, payload)
    SELECT global_position, $8, $9, jsonb_build_object(
      'eventId', event_id, 'globalPosition', global_position::text, 'streamId', stream_id,
      'streamVersion', stream_version,
      'recordedAt', to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'type', event_type, 'schemaVersion', schema_version, 'data', data, 'metadata', metadata)
    FROM appended ORDER BY stream_version
  )
  SELECT appended.*, pg_notify($10, coalesce(account_id, '')) FROM appended ORDER BY stream_version`;
