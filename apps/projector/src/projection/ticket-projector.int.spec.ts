import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Pool } from 'pg';
import type { EventMetadata, TicketEvent } from '@app/domain';
import {
  aCustomer,
  aStaffMember,
  attachmentAdded,
  closed,
  messageAdded,
  opened,
  reopened,
  resolved,
  statusChanged,
} from '@test/support/ticket.builders';
import { PgNotificationListener, toEnvelope } from '@app/event-store';
import type { EventEnvelope, StoredEvent, PgEventStore } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import {
  foldTicketDetail,
  READ_MODEL_CHANNEL,
  readModelNotificationKey,
  readModelNotificationKeys,
} from '@app/read-model';
import { endpoints } from '../../../../test/support/endpoints';
import { eventually } from '../../../../test/support/http';
import { closeTestPool, testPool } from '../../../../test/support/api-keys';
import { copyReadModelSchema } from '@app/read-model';
import { readModelDetail, threadLength } from '../../../../test/support/read-model';
import { classifyFailure, PoisonEventError } from './envelope';
import { TicketProjector } from './ticket-projector';
import { ticketEventStore } from '@app/ticket-store';

const SCHEMA = `rm_int_${randomUUID().slice(0, 8)}`;

let pool: Pool;
let store: PgEventStore<TicketEvent>;
let projector: TicketProjector;

const next = async (sequence: string): Promise<number> =>
  Number((await pool.query<{ id: string }>(`SELECT nextval('${sequence}') AS id`)).rows[0].id);

const at = (second: number): string => new Date(Date.UTC(2025, 0, 15, 10, 0, second)).toISOString();
const customerAt = (second: number): EventMetadata => aCustomer({ occurredAt: at(second) });
const staffAt = (second: number): EventMetadata => aStaffMember({ occurredAt: at(second) });

/** A whole conversation for a fresh ticket id: the events and the stored envelopes once appended. */
async function aConversation(): Promise<{ ticketId: number; envelopes: EventEnvelope[] }> {
  const ticketId = await next('ticket_id_seq');
  const [m1, m2] = [await next('message_id_seq'), await next('message_id_seq')];
  const attachmentId = await next('attachment_id_seq');
  const id = { ticketId };
  const events: TicketEvent[] = [
    opened({ ...id, accountId: 'acct-int' }, customerAt(0)),
    messageAdded({ ...id, messageId: m1, message: 'It fails.' }, customerAt(1)),
    {
      ...statusChanged('Open', 'InProgress', staffAt(2)),
      data: { ...id, from: 'Open', to: 'InProgress' },
    },
    messageAdded({ ...id, messageId: m2, message: 'Looking.' }, staffAt(3)),
    attachmentAdded({ ...id, attachmentId, messageId: m2 }, staffAt(4)),
    { ...resolved(staffAt(5)), data: id },
    { ...reopened('customer-reply', customerAt(6)), data: { ...id, reason: 'customer-reply' } },
    { ...closed(customerAt(7)), data: id },
  ];
  const { events: stored } = await store.appendToStream(`ticket-${ticketId}`, 0, events);
  return { ticketId, envelopes: stored.map(toEnvelope) };
}

const storedStream = (ticketId: number): Promise<StoredEvent<TicketEvent>[]> =>
  store.readStream(`ticket-${ticketId}`);

async function expectRowToEqualTheFold(ticketId: number): Promise<void> {
  const row = await readModelDetail(pool, SCHEMA, ticketId);
  const folded = foldTicketDetail(await storedStream(ticketId), 'staff');
  expect(row).not.toBeNull();
  const { messageCount, ...detail } = row!;
  expect(detail).toEqual(folded);
  expect(messageCount).toBe(threadLength(folded));
}

beforeAll(async () => {
  pool = testPool();
  store = ticketEventStore(pool, 'ticket-events');
  await withTransaction(pool, (client) => copyReadModelSchema(client, 'read_model', SCHEMA));
  projector = new TicketProjector(pool, store, SCHEMA);
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await closeTestPool();
});

describe('TicketProjector against PostgreSQL', () => {
  it("announces each projected event at commit on the read model's channel, keyed by schema and ticket", async () => {
    const { ticketId, envelopes } = await aConversation();
    const listener = new PgNotificationListener(endpoints().DATABASE_URL, READ_MODEL_CHANNEL);
    await listener.listen();
    try {
      const other = listener.next(readModelNotificationKey(SCHEMA, ticketId + 1_000_000), 10_000);
      const announced = listener.next(readModelNotificationKey(SCHEMA, ticketId), 10_000);

      await projector.handle(envelopes[0]);

      expect(await announced.promise).toBe(true);
      other.cancel();
      expect(await other.promise).toBe(false);
    } finally {
      await listener.close();
    }
  });

  it('applies every event once: the same envelope again, or an older one, changes nothing', async () => {
    const { ticketId, envelopes } = await aConversation();

    const results = [];
    for (const envelope of [...envelopes, ...envelopes, envelopes[2], envelopes[0]]) {
      results.push(await projector.handle(envelope));
    }

    expect(results).toEqual([
      ...envelopes.map(() => 'applied'),
      ...envelopes.map(() => 'duplicate'),
      'duplicate',
      'duplicate',
    ]);
    await expectRowToEqualTheFold(ticketId);
  });

  it('an event ahead of the row catches the ticket up from the store first', async () => {
    const { ticketId, envelopes } = await aConversation();
    await projector.handle(envelopes[0]);

    expect(await projector.handle(envelopes[4])).toBe('gap-repaired');
    expect((await readModelDetail(pool, SCHEMA, ticketId))?.version).toBe(5);
    expect(await projector.handle(envelopes[2])).toBe('duplicate');
    for (const envelope of envelopes.slice(5)) await projector.handle(envelope);

    await expectRowToEqualTheFold(ticketId);
  });

  it('repairs a ticket whose first events never arrived', async () => {
    const { ticketId, envelopes } = await aConversation();

    expect(await projector.handle(envelopes[7])).toBe('gap-repaired');

    await expectRowToEqualTheFold(ticketId);
  });

  it('two replicas delivering the same events at once (a rebalance) still count each message once', async () => {
    const { ticketId, envelopes } = await aConversation();
    const reversed = [...envelopes].reverse();

    await Promise.all([
      ...envelopes.map((e) => projector.handle(e)),
      ...reversed.map((e) => projector.handle(e)),
    ]);

    await expectRowToEqualTheFold(ticketId);
  });

  it('an event beyond what the store holds is poison and changes nothing', async () => {
    const { ticketId, envelopes } = await aConversation();
    await projector.handle(envelopes[0]);

    const forged = { ...envelopes[1], streamVersion: 99 };

    await expect(projector.handle(forged)).rejects.toThrow(PoisonEventError);
    expect((await readModelDetail(pool, SCHEMA, ticketId))?.version).toBe(1);
  });

  it('an unknown event type at the next version is poison', async () => {
    const { envelopes } = await aConversation();
    await projector.handle(envelopes[0]);

    const unknown = { ...envelopes[1], type: 'TicketTeleported' };

    await expect(projector.handle(unknown)).rejects.toThrow(/Unknown ticket event type/);
  });

  it('an event the read model rejects (no subject) is classified as poison, not retried forever', async () => {
    const { envelopes } = await aConversation();
    const { subject: _subject, ...withoutSubject } = envelopes[0].data as Record<string, unknown>;

    const error = await projector.handle({ ...envelopes[0], data: withoutSubject }).catch((e) => e);

    expect(classifyFailure(error)).toBe('poison');
  });

  it('replays old-version events from the store through the upcasters', async () => {
    const ticketId = await next('ticket_id_seq');
    const messageId = await next('message_id_seq');
    const metadata = customerAt(0);
    const rows: [number, string, number, object, EventMetadata][] = [
      [
        1,
        'TicketOpened',
        0,
        {
          ticketId,
          accountId: 'acct-legacy',
          subject: 'Old',
          description: 'From v0',
          category: 'Access',
        },
        metadata,
      ],
      [
        2,
        'MessageAdded',
        0,
        { ticketId, messageId, body: 'We are on it.', isStaff: true },
        staffAt(1),
      ],
      [3, 'TicketResolved', 1, { ticketId }, staffAt(2)],
    ];
    for (const [version, type, schemaVersion, data, meta] of rows) {
      await pool.query(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [`ticket-${ticketId}`, version, type, schemaVersion, data, meta, meta.occurredAt],
      );
    }
    const [first] = await storedStream(ticketId);
    const legacyEnvelope: EventEnvelope = {
      ...toEnvelope(first),
      schemaVersion: 0,
      data: rows[0][3],
    };

    expect(await projector.handle(legacyEnvelope)).toBe('applied');
    const last = (await storedStream(ticketId))[2];
    expect(await projector.handle(toEnvelope(last))).toBe('gap-repaired');

    const row = await readModelDetail(pool, SCHEMA, ticketId);
    expect(row).toMatchObject({
      topic: 'Access',
      propertyId: null,
      status: 'Resolved',
      version: 3,
      messages: [{ id: messageId, message: 'We are on it.', authorType: 'staff' }],
    });
    await expectRowToEqualTheFold(ticketId);
  });
});

describe('TicketProjector: a partition batch in one transaction', () => {
  it('applies several tickets with duplicates and a gap, each event counted in its place, rows equal to the store', async () => {
    const a = await aConversation();
    const b = await aConversation();
    const c = await aConversation();
    await projector.handle(b.envelopes[0]);
    await projector.handle(b.envelopes[1]);
    // b's versions 4 and 5 never arrive; c's first two neither; a comes whole and twice in part
    const batch = [
      a.envelopes[0],
      b.envelopes[1],
      c.envelopes[2],
      a.envelopes[1],
      b.envelopes[2],
      a.envelopes[1],
      b.envelopes[5],
      ...a.envelopes.slice(2),
      c.envelopes[3],
      b.envelopes[6],
      b.envelopes[7],
      a.envelopes[0],
      ...c.envelopes.slice(4),
    ];

    const results = await projector.handleBatch(batch);

    expect(results).toEqual([
      'applied',
      'duplicate',
      'gap-repaired',
      'applied',
      'applied',
      'duplicate',
      'gap-repaired',
      ...a.envelopes.slice(2).map(() => 'applied'),
      'applied',
      'applied',
      'applied',
      'duplicate',
      ...c.envelopes.slice(4).map(() => 'applied'),
    ]);
    for (const { ticketId } of [a, b, c]) await expectRowToEqualTheFold(ticketId);
    expect(await projector.handleBatch(batch)).toEqual(batch.map(() => 'duplicate'));
  });

  it('commits a batch without holes in one transaction and announces all its tickets in one notification', async () => {
    const tickets = [await aConversation(), await aConversation(), await aConversation()];
    const batch = tickets.flatMap((t) => t.envelopes);
    const client = new Client({ connectionString: endpoints().DATABASE_URL });
    const payloads: string[] = [];
    client.on('notification', ({ payload }) => payloads.push(payload ?? ''));
    await client.connect();
    await client.query(`LISTEN ${READ_MODEL_CHANNEL}`);
    try {
      await projector.handleBatch(batch);
      await eventually(
        () => Promise.resolve(payloads.filter((p) => p.startsWith(`${SCHEMA}:`))),
        (ours) => ours.length > 0,
        5_000,
      );

      const ours = payloads.filter((p) => p.startsWith(`${SCHEMA}:`));
      expect(ours.flatMap(readModelNotificationKeys).sort()).toEqual(
        tickets.map((t) => readModelNotificationKey(SCHEMA, t.ticketId)).sort(),
      );
      expect(ours).toHaveLength(1);
      // rows written by one transaction share its id (a database-wide commit count would count other tests)
      const writers = await pool.query<{ xmin: string }>(
        `SELECT DISTINCT xmin::text FROM ${SCHEMA}.tickets WHERE ticket_id = ANY($1::bigint[])`,
        [tickets.map((t) => t.ticketId)],
      );
      expect(writers.rows).toHaveLength(1);
    } finally {
      await client.end();
    }
    for (const { ticketId } of tickets) await expectRowToEqualTheFold(ticketId);
  });

  it('a batch of duplicates only changes nothing and announces nothing', async () => {
    const { ticketId, envelopes } = await aConversation();
    await projector.handleBatch(envelopes);
    const before = await readModelDetail(pool, SCHEMA, ticketId);
    const listener = new PgNotificationListener(
      endpoints().DATABASE_URL,
      READ_MODEL_CHANNEL,
      readModelNotificationKeys,
    );
    await listener.listen();
    try {
      const announced = listener.next(readModelNotificationKey(SCHEMA, ticketId), 1_000);

      expect(await projector.handleBatch(envelopes)).toEqual(envelopes.map(() => 'duplicate'));

      expect(await announced.promise).toBe(false);
      expect(await readModelDetail(pool, SCHEMA, ticketId)).toEqual(before);
    } finally {
      await listener.close();
    }
  });
});

describe('copyReadModelSchema', () => {
  it('copies the tables with the same columns, keys and named indexes', async () => {
    const definitions = async (schema: string) =>
      (
        await pool.query<{ name: string; definition: string }>(
          `SELECT indexname AS name, replace(indexdef, $1 || '.', 'S.') AS definition
           FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`,
          [schema],
        )
      ).rows;
    const columns = async (schema: string) =>
      (
        await pool.query(
          `SELECT table_name, column_name, data_type, is_nullable, column_default
           FROM information_schema.columns WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
          [schema],
        )
      ).rows;

    expect(await definitions(SCHEMA)).toEqual(await definitions('read_model'));
    expect(await columns(SCHEMA)).toEqual(await columns('read_model'));
  });
});
