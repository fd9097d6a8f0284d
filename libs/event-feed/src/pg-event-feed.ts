import type { Pool } from 'pg';
import { upcastTicketEvent, visibleEventTypes } from '@app/domain';
import type { ActorRole, TicketEventType } from '@app/domain';
import { EVENT_COLUMNS, openRows, toStored } from '@app/event-store';
import type { EventRow, PersonalDataCodec } from '@app/event-store';
import { encodeFeedCursor, laterOf } from './feed-cursor';
import type { FeedPosition } from './feed-cursor';
import { toFeedItem } from './public-event';
import type { FeedItem } from './public-event';

export interface FeedRequest {
  /** null: every account (staff). */
  readonly accountId: string | null;
  readonly after: FeedPosition;
  readonly limit: number;
  /** null: every type. */
  readonly types: readonly TicketEventType[] | null;
  /** A customer reads no staff-only event, and its versions count only what it sees. */
  readonly reader: ActorRole;
}

export interface FeedPage {
  readonly items: FeedItem[];
  /** Where the next read starts; present on every page, an empty one included. */
  readonly nextCursor: string;
}

interface FeedRow extends EventRow {
  horizon: string;
  account_id: string;
  transaction_id: string;
}

/**
 * Events in (transaction id, global position) order, read only below the oldest transaction still running
 * when the statement took its snapshot: nothing can commit there later, so resuming never skips an event.
 */
export class PgEventFeed {
  constructor(
    private readonly pool: Pool,
    private readonly codec?: PersonalDataCodec,
  ) {}

  async read(request: FeedRequest): Promise<FeedPage> {
    const { rows } = await this.pool.query<FeedRow>(FEED_PAGE, [
      request.accountId,
      request.after.transactionId,
      request.after.globalPosition,
      typesFor(request),
      request.limit,
    ]);
    const events = rows.filter((row) => row.event_id !== null);
    const opened = await openRows(this.codec, events);
    const items = opened.map((row) =>
      toFeedItem(toStored(row, upcastTicketEvent), row.account_id, request.reader),
    );
    const last = events[events.length - 1];
    const next =
      events.length === request.limit
        ? { transactionId: last.transaction_id, globalPosition: last.global_position }
        : laterOf(request.after, { transactionId: rows[0].horizon, globalPosition: '0' });
    return { items, nextCursor: encodeFeedCursor(next) };
  }

  /** A cursor after every event committed so far: a consumer that starts here gets only what comes next. */
  async now(): Promise<string> {
    const { rows } = await this.pool.query<{ horizon: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon',
    );
    return encodeFeedCursor({ transactionId: rows[0].horizon, globalPosition: '0' });
  }
}

/** The types asked for that the reader may see; null: every type (staff). */
function typesFor({ types, reader }: FeedRequest): readonly TicketEventType[] | null {
  if (reader === 'staff') return types;
  const visible = visibleEventTypes(reader);
  return types ? types.filter((type) => visible.includes(type)) : visible;
}

const FEED_PAGE = `
  SELECT h.xmin::text AS horizon, ev.*
  FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) h
  LEFT JOIN LATERAL (
    SELECT ${EVENT_COLUMNS}, account_id, transaction_id::text AS transaction_id, transaction_id AS tx
    FROM events
    -- an account's own stream (its erasure) has no account_id: the feed is the tickets' events
    WHERE (account_id = $1 OR ($1::text IS NULL AND account_id IS NOT NULL))
      AND (transaction_id, global_position) > ($2::text::xid8, $3::bigint)
      AND transaction_id < h.xmin
      AND ($4::text[] IS NULL OR event_type = ANY ($4::text[]))
    -- qualified: a bare transaction_id here is the text column of the select list, and '10000' < '9999'
    ORDER BY events.transaction_id, events.global_position
    LIMIT $5
  ) ev ON true
  ORDER BY ev.tx, ev.global_position`;
