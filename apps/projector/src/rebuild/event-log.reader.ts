import type { Pool, PoolClient } from 'pg';
import { ticketIdOfStream, TICKET_STREAMS_LIKE, upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { EVENT_COLUMNS, openRows, toStored } from '@app/event-store';
import type { EventRow, PersonalDataCodec, StoredEvent } from '@app/event-store';
import { PoisonEventError } from '../projection/envelope';

export type LoggedEvent =
  | { readonly ok: true; readonly ticketId: number; readonly stored: StoredEvent<TicketEvent> }
  | {
      readonly ok: false;
      readonly ticketId: number;
      readonly streamVersion: number;
      readonly error: string;
    };

export interface EventPage {
  readonly events: readonly LoggedEvent[];
  /** Where the next page starts; the same as the argument when there was nothing left. */
  readonly lastPosition: string;
}

/** Reads every ticket event of the store in global order, a page at a time, upcast to the current shapes. */
export class EventLogReader {
  constructor(
    private readonly pool: Pool,
    private readonly codec?: PersonalDataCodec,
  ) {}

  async page(afterPosition: string, limit: number): Promise<EventPage> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > $1 AND stream_id LIKE $3
       ORDER BY global_position LIMIT $2`,
      [afterPosition, limit, TICKET_STREAMS_LIKE],
    );
    return {
      events: (await openRows(this.codec, rows)).map(toLogged),
      lastPosition: rows.length > 0 ? rows[rows.length - 1].global_position : afterPosition,
    };
  }

  /** One ticket's events after a version, read through `db` (a transaction's snapshot, when it has one). */
  async stream(
    db: Pool | PoolClient,
    streamId: string,
    afterVersion: number,
  ): Promise<StoredEvent<TicketEvent>[]> {
    const { rows } = await db.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version`,
      [streamId, afterVersion],
    );
    return (await openRows(this.codec, rows)).map((row) => {
      const logged = toLogged(row);
      if (!logged.ok) {
        throw new PoisonEventError(`${streamId} v${logged.streamVersion}: ${logged.error}`);
      }
      return logged.stored;
    });
  }
}

function toLogged(row: EventRow): LoggedEvent {
  const ticketId = ticketIdOfStream(row.stream_id);
  try {
    return { ok: true, ticketId, stored: toStored(row, upcastTicketEvent) };
  } catch (error) {
    return {
      ok: false,
      ticketId,
      streamVersion: row.stream_version,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}
