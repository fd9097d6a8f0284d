import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '@app/platform/db/database';
import { WrongExpectedVersionError } from './event-store.port';
import { ensureTopic } from './kafka-outbox.publisher';
import type { EventRecord } from './event-store.port';
import { PgEventStore } from './pg-event-store';

const anEvent = (n: number): EventRecord => ({
  type: 'TestHappened',
  schemaVersion: 1,
  data: { n },
  metadata: { occurredAt: new Date().toISOString() },
});

// the services' relay publishes these outbox rows too: their topic must exist
const TOPIC = 'group-commit-test';

const streamOf = (name: string): string => `group-test-${name}-${randomUUID()}`;

describe('the PostgreSQL event store, appending in groups', () => {
  let pool: Pool;
  let store: PgEventStore<EventRecord>;

  beforeAll(async () => {
    await ensureTopic((process.env.KAFKA_BROKERS ?? '').split(','), 'group-commit-test', TOPIC, 1);
    pool = createPool(process.env.DATABASE_URL!, 8, 'group-commit-test');
    store = new PgEventStore(pool, { topic: TOPIC, keyOf: (s) => s }, (r) => r);
  });
  afterAll(() => pool.end());

  const transactionsOf = async (streams: string[]): Promise<string[]> =>
    (
      await pool.query<{ transaction_id: string }>(
        'SELECT DISTINCT transaction_id::text FROM events WHERE stream_id = ANY($1)',
        [streams],
      )
    ).rows.map((r) => r.transaction_id);

  it('commits the appends that meet a commit in flight in one transaction; a stream that moved on fails alone', async () => {
    const [first, a, moved, c] = ['first', 'a', 'moved', 'c'].map(streamOf);
    await store.appendToStream(moved, 0, [anEvent(0)]);

    const results = await Promise.allSettled([
      store.appendToStream(first, 0, [anEvent(1)]),
      store.appendToStream(a, 0, [anEvent(1), anEvent(2)]),
      store.appendToStream(moved, 0, [anEvent(1)]),
      store.appendToStream(c, 0, [anEvent(1)]),
    ]);

    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    const appended = (results[1] as PromiseFulfilledResult<{ nextExpectedVersion: number }>).value;
    expect(appended.nextExpectedVersion).toBe(2);
    expect((await store.readStream(a)).map((e) => e.streamVersion)).toEqual([1, 2]);
    expect(await store.readStream(moved)).toHaveLength(1);
    expect(await transactionsOf([a, c])).toHaveLength(1);
  });

  it('retries a group one by one when a writer elsewhere took a version first, and fails only its stream', async () => {
    const [first, a, raced, c] = ['first', 'a', 'raced', 'c'].map(streamOf);
    const elsewhere = await pool.connect();
    try {
      await elsewhere.query('BEGIN');
      await elsewhere.query(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         VALUES ($1, 1, 'TestHappened', 1, '{}', '{}', now())`,
        [raced],
      );
      const appends = Promise.allSettled([
        store.appendToStream(first, 0, [anEvent(1)]),
        store.appendToStream(a, 0, [anEvent(1)]),
        store.appendToStream(raced, 0, [anEvent(1)]),
        store.appendToStream(c, 0, [anEvent(1)]),
      ]);
      await waitForALockWait(pool);
      await elsewhere.query('COMMIT');

      const results = await appends;
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(
        WrongExpectedVersionError,
      );
      expect(await store.readStream(a)).toHaveLength(1);
      expect(await store.readStream(c)).toHaveLength(1);
    } finally {
      await elsewhere.query('ROLLBACK').catch(() => undefined);
      elsewhere.release();
    }
  });
});

/** Until a group's insert waits on the racing transaction's row (bounded). */
async function waitForALockWait(pool: Pool): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE application_name = 'group-commit-test' AND wait_event_type = 'Lock'`,
    );
    if (Number(rows[0].n) > 0) return;
    if (Date.now() > deadline) throw new Error('no append waited for the racing transaction');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
