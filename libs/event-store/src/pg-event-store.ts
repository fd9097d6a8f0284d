import { DatabaseError } from 'pg';
import type { Pool } from 'pg';
import { isUniqueViolation } from '@app/platform/db/database';
import { WrongExpectedVersionError } from './event-store.port';
import { GroupCommit } from './group-commit';
import type { PersonalDataCodec } from './shredding/personal-data.codec';
import type { AppendOutcome, StreamAppend } from './group-commit';
import type {
  AppendOptions,
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

/** The rows with their personal fields opened (or erased); as they are without a codec. */
export const openRows = <R extends EventRow>(
  codec: PersonalDataCodec | undefined,
  rows: readonly R[],
): Promise<R[]> =>
  codec
    ? codec.open(
        rows,
        (r) => ({ type: r.event_type, data: r.data }),
        (r, data) => ({ ...r, data }),
      )
    : Promise.resolve([...rows]);

export const EVENT_COLUMNS =
  'event_id, global_position, stream_id, stream_version, event_type, schema_version, data, metadata, recorded_at';

export class PgEventStore<E extends EventRecord> implements EventStore<E> {
  constructor(
    private readonly pool: Pool,
    private readonly routing: OutboxRouting,
    private readonly upcast: Upcaster<E>,
    readonly codec?: PersonalDataCodec,
  ) {}

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent<E>[]> {
    const { rows } = await this.pool.query<EventRow>({
      name: 'read-stream',
      text: `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1 AND stream_version > $2 AND ($3::timestamptz IS NULL OR occurred_at <= $3)
       ORDER BY stream_version LIMIT $4`,
      values: [streamId, options.afterVersion ?? 0, options.until ?? null, options.limit ?? null],
    });
    return (await openRows(this.codec, rows)).map((row) => toStored(row, this.upcast));
  }

  /**
   * Group commit (./group-commit.ts): appends that meet a commit in flight go together in the next one, one
   * statement whose outcome is per stream, so a stream that moved on fails only its own append.
   */
  async appendToStream(
    streamId: string,
    expectedVersion: number,
    events: readonly E[],
    options: AppendOptions = {},
  ): Promise<AppendResult<E>> {
    if (events.length === 0) return { nextExpectedVersion: expectedVersion, events: [] };
    const { dataSubject } = options;
    if (!this.codec || dataSubject === undefined) {
      return this.group.append({ streamId, expectedVersion, events });
    }
    // sealed before the append, so the chain hashes the ciphertext; the caller gets its events back
    const sealed = await this.codec.seal(dataSubject, events);
    const result = await this.group.append({ streamId, expectedVersion, events: sealed });
    return {
      ...result,
      events: result.events.map((s) => ({
        ...s,
        event: events[s.streamVersion - expectedVersion - 1],
      })),
    };
  }

  private readonly group = new GroupCommit<E, AppendResult<E>>((appends) =>
    this.appendGroup(appends),
  );

  /** A group the server refused as a whole (another writer took a version first) is retried one by one. */
  private async appendGroup(
    appends: readonly StreamAppend<E>[],
  ): Promise<AppendOutcome<AppendResult<E>>[]> {
    try {
      return outcomesOf(appends, await this.insert(appends));
    } catch (error) {
      if (appends.length > 1 && isServerError(error)) {
        return Promise.all(appends.map((append) => this.appendAlone(append)));
      }
      if (isUniqueViolation(error, 'events_stream_version_unique')) {
        return [{ ok: false, error: conflict(appends[0]) }];
      }
      throw error;
    }
  }

  private async appendAlone(append: StreamAppend<E>): Promise<AppendOutcome<AppendResult<E>>> {
    try {
      return outcomesOf([append], await this.insert([append]))[0];
    } catch (error) {
      const refused = isUniqueViolation(error, 'events_stream_version_unique');
      return { ok: false, error: refused ? conflict(append) : error };
    }
  }

  private async insert(appends: readonly StreamAppend<E>[]): Promise<EventRow[]> {
    const events = appends.flatMap((append, i) =>
      append.events.map((event, ord) => ({ event, command: i + 1, ord: ord + 1 })),
    );
    const { rows } = await this.pool.query<EventRow>({
      name: 'append-events',
      text: APPEND,
      values: [
        appends.map((a) => a.streamId),
        appends.map((a) => a.expectedVersion),
        appends.map((a) => this.routing.keyOf(a.streamId)),
        events.map((e) => e.command),
        events.map((e) => e.ord),
        events.map((e) => e.event.type),
        events.map((e) => e.event.schemaVersion),
        events.map((e) => JSON.stringify(e.event.data)),
        events.map((e) => JSON.stringify(e.event.metadata)),
        events.map((e) => e.event.metadata.occurredAt),
        this.routing.topic,
        OUTBOX_CHANNEL,
      ],
    });
    return rows;
  }
}

/** An append with no row back was refused inside the statement: its stream is not at the version expected. */
function outcomesOf<E extends EventRecord>(
  appends: readonly StreamAppend<E>[],
  rows: readonly EventRow[],
): AppendOutcome<AppendResult<E>>[] {
  const byStream = new Map<string, EventRow[]>();
  for (const row of rows) {
    const appended = byStream.get(row.stream_id);
    if (appended) appended.push(row);
    else byStream.set(row.stream_id, [row]);
  }
  return appends.map((append) => {
    const appended = byStream.get(append.streamId);
    if (!appended) return { ok: false, error: conflict(append) };
    return {
      ok: true,
      value: {
        nextExpectedVersion: append.expectedVersion + append.events.length,
        events: appended.map((row) =>
          toStored(row, () => append.events[row.stream_version - append.expectedVersion - 1]),
        ),
      },
    };
  });
}

const conflict = (append: StreamAppend<unknown>): WrongExpectedVersionError =>
  new WrongExpectedVersionError(append.streamId, append.expectedVersion);

/** The server answered with an error, so the statement (its own transaction) did not commit. */
const isServerError = (error: unknown): boolean =>
  error instanceof DatabaseError && typeof error.code === 'string';

/**
 * One statement for a group of appends: each stream's expected version is checked against its head, the
 * accepted streams' events and their outbox rows are inserted in request order, and each account changed is
 * notified once at commit (the relay wakes on any, a change-feed long-poll on its own account's).
 */
const APPEND = `
  WITH commands AS (
    SELECT c.* FROM unnest($1::text[], $2::int[], $3::text[])
      WITH ORDINALITY AS c(stream_id, expected, message_key, command)
  ), accepted AS (
    SELECT c.* FROM commands c
    WHERE c.expected = coalesce((SELECT max(e.stream_version) FROM events e WHERE e.stream_id = c.stream_id), 0)
  ), appended AS (
    INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
    SELECT a.stream_id, a.expected + e.ord, e.type, e.schema_version, e.data, e.metadata, e.occurred_at
    FROM unnest($4::int[], $5::int[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $10::timestamptz[])
      WITH ORDINALITY AS e(command, ord, type, schema_version, data, metadata, occurred_at, n)
    JOIN accepted a ON a.command = e.command
    ORDER BY e.n
    RETURNING ${EVENT_COLUMNS}, account_id
  ), outboxed AS (
    INSERT INTO outbox (global_position, topic, message_key, payload)
    SELECT p.global_position, $11, a.message_key, jsonb_build_object(
      'eventId', p.event_id, 'globalPosition', p.global_position::text, 'streamId', p.stream_id,
      'streamVersion', p.stream_version,
      'recordedAt', to_char(p.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'type', p.event_type, 'schemaVersion', p.schema_version, 'data', p.data, 'metadata', p.metadata)
    FROM appended p JOIN accepted a USING (stream_id) ORDER BY p.global_position
  ), notified AS (
    SELECT count(pg_notify($12, account)) FROM (SELECT DISTINCT coalesce(account_id, '') AS account FROM appended) d
  )
  SELECT appended.* FROM appended, notified ORDER BY appended.global_position`;
