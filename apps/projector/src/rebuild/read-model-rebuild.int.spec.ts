import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { TicketEvent } from '@app/domain';
import { aStaffMember, messageAdded, opened } from '@test/support/ticket.builders';
import type { PgEventStore } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import { closeTestPool, testPool } from '../../../../test/support/api-keys';
import { copyReadModelSchema } from '@app/read-model';
import { EventLogReader } from './event-log.reader';
import { catchUpTicket } from './read-model-rebuild';
import { verify } from '@app/read-model';
import { ticketEventStore } from '@app/ticket-store';

const SCHEMA = `rm_verify_${randomUUID().slice(0, 8)}`;

let pool: Pool;
let store: PgEventStore<TicketEvent>;
let reader: EventLogReader;

const next = async (sequence: string): Promise<number> =>
  Number((await pool.query<{ id: string }>(`SELECT nextval('${sequence}') AS id`)).rows[0].id);

async function aProjectedTicket(): Promise<number> {
  const ticketId = await next('ticket_id_seq');
  await store.appendToStream(`ticket-${ticketId}`, 0, [
    opened({ ticketId }),
    messageAdded({ ticketId, messageId: await next('message_id_seq') }),
    messageAdded({ ticketId, messageId: await next('message_id_seq') }, aStaffMember()),
  ]);
  const applied = await withTransaction(pool, (client) =>
    catchUpTicket(client, reader, SCHEMA, ticketId),
  );
  expect(applied).toBe(3);
  return ticketId;
}

const verified = (ticketIds: number[]) =>
  withTransaction(pool, (client) => verify(client, SCHEMA, ticketIds));

beforeAll(async () => {
  pool = testPool();
  store = ticketEventStore(pool, 'ticket-events');
  await withTransaction(pool, (client) => copyReadModelSchema(client, 'read_model', SCHEMA));
  reader = new EventLogReader(pool);
});

afterAll(async () => {
  await pool.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
  await closeTestPool();
});

describe('verify, the check a rebuild must pass before its swap', () => {
  it('finds nothing wrong with tickets projected from the store', async () => {
    const ids = [await aProjectedTicket(), await aProjectedTicket()];

    expect(await verified(ids)).toEqual({
      tickets: 2,
      events: 6,
      messages: 4,
      attachments: 0,
      mismatches: [],
    });
  });

  it('reports a row behind the store, a wrong message count, a lost message and a missing ticket', async () => {
    const [behind, miscounted, lostMessage, missing] = [
      await aProjectedTicket(),
      await aProjectedTicket(),
      await aProjectedTicket(),
      await aProjectedTicket(),
    ];
    await pool.query(`UPDATE ${SCHEMA}.tickets SET version = 2 WHERE ticket_id = $1`, [behind]);
    await pool.query(`UPDATE ${SCHEMA}.tickets SET message_count = 5 WHERE ticket_id = $1`, [
      miscounted,
    ]);
    await pool.query(
      `DELETE FROM ${SCHEMA}.messages WHERE message_id = (
         SELECT min(message_id) FROM ${SCHEMA}.messages WHERE ticket_id = $1)`,
      [lostMessage],
    );
    await pool.query(`DELETE FROM ${SCHEMA}.tickets WHERE ticket_id = $1`, [missing]);

    const { mismatches } = await verified([behind, miscounted, lostMessage, missing]);

    const store = { version: 3, messages: 2, attachments: 0 };
    expect(mismatches).toEqual([
      {
        ticketId: behind,
        store,
        readModel: { version: 2, messageCount: 2, messages: 2, attachments: 0 },
      },
      {
        ticketId: miscounted,
        store,
        readModel: { version: 3, messageCount: 5, messages: 2, attachments: 0 },
      },
      {
        ticketId: lostMessage,
        store,
        readModel: { version: 3, messageCount: 2, messages: 1, attachments: 0 },
      },
      { ticketId: missing, store, readModel: null },
    ]);
  });
});
