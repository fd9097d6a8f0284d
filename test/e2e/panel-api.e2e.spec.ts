import { closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import { api, eventually } from '../support/http';
import { openTicket } from '../support/tickets';

describe('what the panel needs from the API: who the key is, and a cheap "unchanged"', () => {
  afterAll(closeTestPool);

  it('GET /api/me names the role, the account and the key prefix, without an accountId', async () => {
    const accountId = newAccountId();
    const customer = await customerKey(accountId);
    const staff = await staffKey();

    const me = await api('GET', '/api/me', { key: customer });
    const staffMe = await api('GET', '/api/me', { key: staff });

    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      role: 'customer',
      accountId,
      keyPrefix: customer.slice(0, 10),
      agent: null,
    });
    expect(staffMe.body).toEqual({
      role: 'staff',
      accountId: null,
      keyPrefix: staff.slice(0, 10),
      agent: null,
    });
  });

  it('GET /api/me with a wrong key is 401 problem+json', async () => {
    const me = await api('GET', '/api/me', { key: 'pdm_not-a-key' });

    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toContain('application/problem+json');
    expect(me.body).toMatchObject({
      code: 'UNAUTHENTICATED',
      detail: 'The API key is not valid or was revoked.',
    });
  });

  it('If-None-Match with the current ETag is 304 with no body; after a reply it is 200 with the new ETag', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const ticketId = await openTicket(key, accountId);
    const path = `/api/Ticket/${ticketId}?accountId=${accountId}`;
    const first = await eventually(
      () => api('GET', path, { key }),
      (r) => r.status === 200,
    );
    const etag = first.headers.get('etag')!;
    expect(etag).toBe('"1"');

    const unchanged = await api('GET', path, { key, headers: { 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers.get('etag')).toBe('"1"');

    await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key,
      body: { message: 'Any news?' },
    });
    const changed = await eventually(
      () => api('GET', path, { key, headers: { 'if-none-match': etag } }),
      (r) => r.status === 200,
    );
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(changed.body.messages).toHaveLength(1);
  });

  it('If-None-Match on a ticket of another account is still 404, never 304', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const otherAccount = newAccountId();
    const ticketId = await openTicket(await customerKey(otherAccount), otherAccount);
    const staff = await staffKey();
    await eventually(
      () => api('GET', `/api/Ticket/${ticketId}?accountId=${otherAccount}`, { key: staff }),
      (r) => r.status === 200,
    );

    const answer = await api('GET', `/api/Ticket/${ticketId}?accountId=${accountId}`, {
      key,
      headers: { 'if-none-match': '"1"' },
    });

    expect(answer.status).toBe(404);
  });
});
