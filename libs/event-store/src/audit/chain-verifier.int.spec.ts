import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { PoolClient } from 'pg';
import { asDatabaseOwner, checkpointThrough } from '@test/support/audit';
import { scratchDatabase } from '@test/support/scratch-database';
import type { ScratchDatabase } from '@test/support/scratch-database';
import { PgEventStore } from '../pg-event-store';
import type { EventRecord } from '../event-store.port';
import { canonicalJson } from './chain-encoding';
import { writeCheckpoint } from './checkpoints';
import { verifyEventChain } from './chain-verifier';

let db: ScratchDatabase;
let store: PgEventStore<EventRecord>;
let nextTicket = 1;

const metadata = () =>
  ({
    actor: { role: 'customer', accountId: 'acct-1', apiKeyId: randomUUID() },
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
  }) as EventRecord['metadata'];

const opened = (ticketId: number): EventRecord => ({
  type: 'TicketOpened',
  schemaVersion: 1,
  data: {
    ticketId,
    accountId: 'acct-1',
    subject: 'S',
    description: 'Ünïcode "quoted"\n',
    topic: 'Other',
    propertyId: null,
  },
  metadata: metadata(),
});

const message = (ticketId: number, n: number): EventRecord => ({
  type: 'MessageAdded',
  schemaVersion: 1,
  data: { ticketId, messageId: ticketId * 100 + n, message: `reply ${n}`, authorType: 'customer' },
  metadata: metadata(),
});

/** A ticket of `count` events, appended two at a time as a reply that reopens would be. */
async function aTicket(count: number): Promise<string> {
  const ticketId = nextTicket++;
  const streamId = `ticket-${ticketId}`;
  await store.appendToStream(streamId, 0, [opened(ticketId)]);
  for (let version = 1; version < count; version += 2) {
    const events = [message(ticketId, version), message(ticketId, version + 1)].slice(
      0,
      count - version,
    );
    await store.appendToStream(streamId, version, events);
  }
  // no relay runs here; it would have taken the outbox rows
  await db.pool.query('DELETE FROM outbox');
  return streamId;
}

const tamper = (work: (client: PoolClient) => Promise<unknown>) => asDatabaseOwner(db.pool, work);

const firstFailure = async (streamId: string) =>
  (await verifyEventChain(db.pool, { streamId })).failures[0];

beforeAll(async () => {
  db = await scratchDatabase('audit_chain');
  store = new PgEventStore(db.pool, { topic: 'audit-test', keyOf: (s) => s }, (r) => r);
});
afterAll(() => db.drop());

describe('the hash chain of the event store', () => {
  it('verifies an untouched store: appends, a many-stream insert like a group commit, checkpoints', async () => {
    const streams = [await aTicket(5), await aTicket(2)];
    for (const streamId of streams) await checkpointThrough(db.pool, streamId);
    await store.appendToStream(streams[1], 2, [message(2, 3)]);
    // several streams, several events each, one statement, rows of a stream in version order
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       SELECT s, v, 'MessageAdded', 1, jsonb_build_object('n', v), '{}', now()
       FROM (VALUES ($1, 6), ($2, 4), ($1, 7), ('other-1', 1), ('other-1', 2), ($2, 5)) AS x(s, v)`,
      streams,
    );
    for (const streamId of [...streams, 'other-1']) await checkpointThrough(db.pool, streamId);

    const report = await verifyEventChain(db.pool, { pageSize: 3 });

    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ events: 14, streams: 3 });
    expect(report.heads).toBeGreaterThanOrEqual(5);
  });

  it('encodes JSON exactly as PostgreSQL prints jsonb, so another program can recompute the chain', async () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000')),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: 'grapheme', maxLength: 6 }), tie('value'), { maxKeys: 5 }),
      ),
    })).value;
    await fc.assert(
      fc.asyncProperty(json, async (value) => {
        const { rows } = await db.pool.query<{ text: string }>('SELECT $1::jsonb::text AS text', [
          JSON.stringify(value),
        ]);
        expect(canonicalJson(value)).toBe(rows[0].text);
      }),
      { numRuns: 300 },
    );
  });

  it('names a changed payload', async () => {
    const streamId = await aTicket(4);
    await tamper((c) =>
      c.query(
        `UPDATE events SET data = jsonb_set(data, '{message}', '"forged"') WHERE stream_id = $1 AND stream_version = 3`,
        [streamId],
      ),
    );
    expect(await firstFailure(streamId)).toMatchObject({ kind: 'changed', streamId, version: 3 });
  });

  it('names the event after a deleted one, and the checkpoint of a deleted head', async () => {
    const streamId = await aTicket(5);
    await checkpointThrough(db.pool, streamId);
    await tamper((c) =>
      c.query(`DELETE FROM events WHERE stream_id = $1 AND stream_version IN (2, 5)`, [streamId]),
    );
    const { failures } = await verifyEventChain(db.pool, { streamId });
    expect(failures.map((f) => [f.kind, f.version])).toEqual([
      ['deleted', 3],
      ['checkpoint-head', 5],
    ]);
  });

  it('names an inserted event', async () => {
    const streamId = await aTicket(4);
    await tamper(async (c) => {
      await c.query(
        'UPDATE events SET stream_version = stream_version + 1000 WHERE stream_id = $1 AND stream_version >= 3',
        [streamId],
      );
      await c.query(
        'UPDATE events SET stream_version = stream_version - 999 WHERE stream_id = $1 AND stream_version > 1000',
        [streamId],
      );
      await c.query(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         VALUES ($1, 3, 'MessageAdded', 1, '{"message": "I never said that"}', '{}', now())`,
        [streamId],
      );
    });
    const { failures } = await verifyEventChain(db.pool, { streamId });
    expect(failures[0]).toMatchObject({ kind: 'inserted', streamId, version: 3 });
    expect(failures[1]).toMatchObject({ kind: 'reordered', version: 4 });
  });

  it('names reordered events', async () => {
    const streamId = await aTicket(4);
    await tamper(async (c) => {
      await c.query(
        'UPDATE events SET stream_version = 1002 WHERE stream_id = $1 AND stream_version = 2',
        [streamId],
      );
      await c.query(
        'UPDATE events SET stream_version = 2 WHERE stream_id = $1 AND stream_version = 3',
        [streamId],
      );
      await c.query(
        'UPDATE events SET stream_version = 3 WHERE stream_id = $1 AND stream_version = 1002',
        [streamId],
      );
    });
    expect(await firstFailure(streamId)).toMatchObject({ kind: 'reordered', streamId, version: 2 });
  });

  it('names a stream rewritten with fresh hashes by the checkpoint that recorded it', async () => {
    const streamId = await aTicket(3);
    await checkpointThrough(db.pool, streamId);
    await tamper(async (c) => {
      await c.query('DELETE FROM events WHERE stream_id = $1 AND stream_version >= 2', [streamId]);
      await c.query('ALTER TABLE events ENABLE TRIGGER events_chain');
      await c.query(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         VALUES ($1, 2, 'MessageAdded', 1, '{"message": "rewritten"}', '{}', now()),
                ($1, 3, 'MessageAdded', 1, '{"message": "rewritten"}', '{}', now())`,
        [streamId],
      );
    });
    const { failures } = await verifyEventChain(db.pool, { streamId });
    expect(failures).toEqual([expect.objectContaining({ kind: 'checkpoint-head', version: 3 })]);
  });

  it('names the checkpoint of a stream rewritten along with the head it recorded, per ticket too', async () => {
    const streamId = await aTicket(3);
    const checkpointId = await checkpointThrough(db.pool, streamId);
    await tamper(async (c) => {
      await c.query('DELETE FROM events WHERE stream_id = $1 AND stream_version = 3', [streamId]);
      await c.query('ALTER TABLE events ENABLE TRIGGER events_chain');
      await c.query(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         VALUES ($1, 3, 'MessageAdded', 1, '{"message": "rewritten"}', '{}', now())`,
        [streamId],
      );
      await c.query(
        `UPDATE audit_checkpoint_heads h SET hash = e.hash FROM events e
         WHERE h.checkpoint_id = $2 AND h.stream_id = $1 AND e.stream_id = $1 AND e.stream_version = 3`,
        [streamId, checkpointId],
      );
    });
    const { failures } = await verifyEventChain(db.pool, { streamId });
    expect(failures).toEqual([
      expect.objectContaining({ kind: 'checkpoint-changed', checkpointId }),
    ]);
  });

  it('names a changed, a deleted checkpoint and a changed head', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(await checkpointThrough(db.pool, await aTicket(1)));
    }
    await tamper(async (c) => {
      await c.query(
        `UPDATE audit_checkpoints SET created_at = created_at - interval '1 day' WHERE id = $1`,
        [ids[0]],
      );
      await c.query('DELETE FROM audit_checkpoint_heads WHERE checkpoint_id = $1', [ids[2]]);
      await c.query('DELETE FROM audit_checkpoints WHERE id = $1', [ids[2]]);
      await c.query(
        'UPDATE audit_checkpoint_heads SET stream_version = 7 WHERE checkpoint_id = $1',
        [ids[1]],
      );
    });
    const { failures } = await verifyEventChain(db.pool);
    const checkpoints = failures.filter((f) => ids.includes(f.checkpointId ?? ''));
    expect(checkpoints.map((f) => [f.kind, f.checkpointId])).toEqual([
      ['checkpoint-changed', ids[0]],
      ['checkpoint-head', ids[1]],
      ['checkpoint-changed', ids[1]],
      ['checkpoint-deleted', ids[3]],
    ]);
  });

  it('writes one checkpoint however many instances try at once', async () => {
    const streamId = await aTicket(1);
    await checkpointThrough(db.pool, streamId, 3);
    const { rows } = await db.pool.query(
      'SELECT checkpoint_id FROM audit_checkpoint_heads WHERE stream_id = $1',
      [streamId],
    );
    expect(rows).toHaveLength(1);
    await aTicket(1);
    expect(await writeCheckpoint(db.pool, 60_000)).toBeNull();
  });
});
