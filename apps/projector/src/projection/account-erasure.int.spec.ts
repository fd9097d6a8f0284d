import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { accountStreamId, ticketStreamId } from '@app/domain';
import type { AccountDataErased, TicketEvent } from '@app/domain';
import { ERASED, PgEventStore, toEnvelope } from '@app/event-store';
import type { EventEnvelope, PersonalDataCodec } from '@app/event-store';
import { DEV_DATA_MASTER_KEYS } from '@app/platform/crypto/master-keys';
import { withTransaction } from '@app/platform/db/database';
import { copyReadModelSchema, foldTicketDetail, PgTicketReadModel } from '@app/read-model';
import { ticketEventStore, ticketPersonalData } from '@app/ticket-store';
import { aCustomer, attachmentAdded, messageAdded, opened } from '@test/support/ticket.builders';
import { closeTestPool, testPool } from '../../../../test/support/api-keys';
import { endpoints } from '../../../../test/support/endpoints';
import { TicketProjector } from './ticket-projector';

const SCHEMA = `rm_erase_${randomUUID().slice(0, 8)}`;

let pool: Pool;
let codec: PersonalDataCodec;
let store: PgEventStore<TicketEvent>;
let projector: TicketProjector;

const next = async (sequence: string): Promise<number> =>
  Number((await pool.query<{ id: string }>(`SELECT nextval('${sequence}') AS id`)).rows[0].id);

/** A ticket of the account, appended as ticket-api appends it: sealed under the account's key. */
async function aTicketOf(
  accountId: string,
): Promise<{ ticketId: number; envelopes: EventEnvelope[] }> {
  const ticketId = await next('ticket_id_seq');
  const meta = aCustomer({ actor: { accountId } });
  const events: TicketEvent[] = [
    opened({ ticketId, accountId, subject: `subject of ${accountId}` }, meta),
    messageAdded({ ticketId, messageId: await next('message_id_seq'), message: 'a message' }, meta),
    attachmentAdded(
      { ticketId, attachmentId: await next('attachment_id_seq'), fileName: 'a.pdf' },
      meta,
    ),
  ];
  await store.appendToStream(ticketStreamId(ticketId), 0, events, { dataSubject: accountId });
  // what Kafka carries: the rows as stored, sealed
  const raw = new PgEventStore<TicketEvent>(
    pool,
    { topic: '', keyOf: (s) => s },
    (r) => r as TicketEvent,
  );
  return { ticketId, envelopes: (await raw.readStream(ticketStreamId(ticketId))).map(toEnvelope) };
}

async function erasureOf(accountId: string): Promise<EventEnvelope> {
  const generations = await codec.keys.erase(accountId);
  const accounts = new PgEventStore<AccountDataErased>(
    pool,
    { topic: 'ticket-events', keyOf: (s) => s },
    (r) => r as AccountDataErased,
  );
  const { events } = await accounts.appendToStream(accountStreamId(accountId), 0, [
    {
      type: 'AccountDataErased',
      schemaVersion: 1,
      data: { accountId, generations },
      metadata: { ...aCustomer(), occurredAt: new Date().toISOString() },
    },
  ]);
  return toEnvelope(events[0]);
}

const detail = (ticketId: number, accountId: string) =>
  new PgTicketReadModel(pool, SCHEMA).findTicket(ticketId, accountId, 'staff');

beforeAll(async () => {
  pool = testPool();
  codec = ticketPersonalData(pool, {
    DATABASE_URL: endpoints().DATABASE_URL,
    DATA_MASTER_KEYS: DEV_DATA_MASTER_KEYS,
  });
  store = ticketEventStore(pool, 'ticket-events', codec);
  await withTransaction(pool, (client) => copyReadModelSchema(client, 'read_model', SCHEMA));
  projector = new TicketProjector(pool, store, SCHEMA, codec);
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await closeTestPool();
});

describe('the projector and crypto-shredding', () => {
  it('projects sealed events as plaintext, and blanks the account when it sees AccountDataErased', async () => {
    const [erased, kept] = [`acct-${randomUUID().slice(0, 8)}`, `acct-${randomUUID().slice(0, 8)}`];
    const mine = await aTicketOf(erased);
    const theirs = await aTicketOf(kept);
    await projector.handleBatch([...mine.envelopes, ...theirs.envelopes]);
    expect(await detail(mine.ticketId, erased)).toMatchObject({
      subject: `subject of ${erased}`,
      messages: [{ message: 'a message' }],
      attachments: [{ fileName: 'a.pdf' }],
    });

    expect(await projector.handleBatch([await erasureOf(erased)])).toEqual(['applied']);

    const blanked = await detail(mine.ticketId, erased);
    expect(blanked).toMatchObject({
      subject: ERASED,
      description: ERASED,
      messages: [{ message: ERASED }],
      attachments: [{ fileName: ERASED }],
    });
    // a rebuild folds the same events: they now open as erased, so it agrees with the blanked rows
    const { messageCount: _count, ...row } = { messageCount: 0, ...blanked! };
    expect(row).toEqual(
      foldTicketDetail(await store.readStream(ticketStreamId(mine.ticketId)), 'staff'),
    );
    expect(await detail(theirs.ticketId, kept)).toMatchObject({ subject: `subject of ${kept}` });
  });
});
