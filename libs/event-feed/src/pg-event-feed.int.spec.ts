import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '@app/platform/db/database';
import { FEED_START, decodeFeedCursor } from './feed-cursor';
import { PgEventFeed } from './pg-event-feed';

describe('PgEventFeed (Postgres)', () => {
  let pool: Pool;

  beforeAll(() => {
    pool = createPool(process.env.DATABASE_URL ?? '', 2, 'event-feed-int');
  });
  afterAll(() => pool.end());

  /** A ticket's events written by transactions `transactionIds` (long ended: far below any running one). */
  async function aTicketWrittenBy(transactionIds: number[]): Promise<string> {
    const accountId = `acct-${randomUUID().slice(0, 8)}`;
    const ticketId = Number.parseInt(randomUUID().slice(0, 8), 16) + 1_000_000_000;
    const metadata = {
      actor: { role: 'customer', accountId, apiKeyId: null },
      occurredAt: '2026-01-01T00:00:00.000Z',
      correlationId: 'feed-int',
    };
    for (const [i, transactionId] of transactionIds.entries()) {
      const data =
        i === 0
          ? {
              ticketId,
              accountId,
              subject: 'S',
              description: 'D',
              topic: 'Other',
              propertyId: null,
            }
          : { ticketId, messageId: ticketId * 10 + i, message: `m${i}`, authorType: 'customer' };
      await pool.query(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata,
           occurred_at, transaction_id)
         VALUES ($1, $2, $3, 1, $4, $5, now(), $6::text::xid8)`,
        [
          `ticket-${ticketId}`,
          i + 1,
          i === 0 ? 'TicketOpened' : 'MessageAdded',
          data,
          metadata,
          String(transactionId),
        ],
      );
    }
    return accountId;
  }

  /** The largest power of ten whose neighbours all ended before every running transaction (a fresh cluster's ids are small). */
  async function aDigitBoundaryBelowTheHorizon(): Promise<number> {
    const { rows } = await pool.query<{ xmin: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
    );
    return 10 ** Math.floor(Math.log10(Number(rows[0].xmin) - 2));
  }

  it('pages in transaction id order where the ids gain a digit (999 before 1000), skipping none', async () => {
    const boundary = await aDigitBoundaryBelowTheHorizon();
    expect(boundary).toBeGreaterThanOrEqual(10);
    const accountId = await aTicketWrittenBy([boundary - 1, boundary, boundary + 1]);
    const feed = new PgEventFeed(pool);
    const versions: number[] = [];
    let after = FEED_START;
    for (let page = 0; page < 5; page++) {
      const { items, nextCursor } = await feed.read({
        accountId,
        after,
        limit: 2,
        types: null,
        reader: 'staff',
      });
      if (items.length === 0) break;
      versions.push(...items.map((item) => item.version));
      after = decodeFeedCursor(nextCursor)!;
    }
    expect(versions).toEqual([1, 2, 3]);
  });
});
