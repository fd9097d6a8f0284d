import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { TicketEvent } from '@app/domain';
import type { PgEventStore } from '@app/event-store';
import { opened } from '@test/support/ticket.builders';
import { closeTestPool, testPool } from '../../../test/support/api-keys';
import { endpoints } from '../../../test/support/endpoints';
import { AppendNotifications } from './append-notifications';
import { ticketEventStore } from '@app/ticket-store';

describe("AppendNotifications (Postgres): a long-poll wakes on its own account's appends", () => {
  let pool: Pool;
  let store: PgEventStore<TicketEvent>;
  let appends: AppendNotifications;

  beforeAll(async () => {
    pool = testPool();
    store = ticketEventStore(pool, 'ticket-events');
    appends = new AppendNotifications(endpoints().DATABASE_URL);
    await appends.listen();
  });
  afterAll(async () => {
    await appends.close();
    await closeTestPool();
  });

  it("wakes the waiters of the appending account and those of every account, never another account's", async () => {
    const [mine, other] = [`acct-${randomUUID().slice(0, 8)}`, `acct-${randomUUID().slice(0, 8)}`];
    const { rows } = await pool.query<{ id: string }>("SELECT nextval('ticket_id_seq') AS id");
    const ticketId = Number(rows[0].id);
    const [ours, theirs, everyAccount] = [
      appends.next(mine, 10_000),
      appends.next(other, 10_000),
      appends.next(null, 10_000),
    ];

    await store.appendToStream(`ticket-${ticketId}`, 0, [opened({ ticketId, accountId: mine })]);

    expect(await ours.promise).toBe(true);
    expect(await everyAccount.promise).toBe(true);
    theirs.cancel();
    expect(await theirs.promise).toBe(false);
  });
});
