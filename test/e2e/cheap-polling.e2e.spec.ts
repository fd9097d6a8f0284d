import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { clientFor } from '../support/client';
import { eventually } from '../support/http';
import { openTicket } from '../support/tickets';

describe('cheap polling of the ticket list', () => {
  afterAll(closeTestPool);

  it('lists only the tickets changed at or after updatedSince', async () => {
    const account = newAccountId();
    const key = await customerKey(account);
    const client = clientFor(key);
    const quiet = await openTicket(key, account);
    const busy = await openTicket(key, account);
    const list = (updatedSince?: string) =>
      client.GET('/api/Ticket', { params: { query: { accountId: account, updatedSince } } });
    await eventually(list, (r) => r.data?.items.length === 2, 10_000);
    const since = new Date().toISOString();

    const replied = await client.POST('/api/Ticket/{id}/message', {
      params: { path: { id: busy }, query: { accountId: account } },
      body: { message: 'Any news?' },
    });
    expect(replied.response.status).toBe(201);
    const changed = await eventually(
      () => list(since),
      (r) => r.data?.items.length === 1,
      10_000,
    );

    expect(changed.data!.items.map((t) => t.id)).toEqual([busy]);
    expect((await list()).data!.items.map((t) => t.id)).toEqual([busy, quiet]);
    const invalid = await list('yesterday');
    expect(invalid.response.status).toBe(400);
  });
});
