import { closeTestPool, customerKey, newAccountId, staffKey, testPool } from '../support/api-keys';
import { api, eventually } from '../support/http';
import { openTicket } from '../support/tickets';

const path = (ticketId: number, accountId: string, action = '') =>
  `/api/Ticket/${ticketId}${action ? `/${action}` : ''}?accountId=${accountId}`;

describe('the ticket lifecycle of the seed', () => {
  let accountId: string;
  let customer: string;
  let staff: string;

  beforeAll(async () => {
    staff = await staffKey();
  });
  beforeEach(async () => {
    accountId = newAccountId();
    customer = await customerKey(accountId);
  });
  afterAll(closeTestPool);

  const reply = (ticketId: number, key: string, message: string) =>
    api('POST', path(ticketId, accountId, 'message'), { key, body: { message } });

  const detail = (ticketId: number, minVersion: number) =>
    api('GET', `${path(ticketId, accountId)}&minVersion=${minVersion}`, { key: customer });

  it('opens a ticket with 201, a Location, an ETag and the documented shape', async () => {
    const response = await api('POST', `/api/Ticket?accountId=${accountId}`, {
      key: customer,
      body: {
        subject: 'Login fails',
        description: 'Since 9am',
        topic: 'Access',
        propertyId: 'prop-42',
      },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(
      `/api/Ticket/${response.body.id}?accountId=${accountId}`,
    );
    expect(response.headers.get('etag')).toBe('"1"');
    expect(response.body).toEqual({
      id: expect.any(Number),
      accountId,
      subject: 'Login fails',
      description: 'Since 9am',
      topic: 'Access',
      propertyId: 'prop-42',
      status: 'Open',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      resolvedAt: null,
      closedAt: null,
      version: 1,
      attachments: [],
      messages: [],
      olderMessages: null,
    });
  });

  it('"Staff replies are labeled Support Team." and "Your messages are labeled You."', async () => {
    const ticketId = await openTicket(customer, accountId);
    expect((await reply(ticketId, customer, 'Hello?')).body.authorLabel).toBe('You');
    const staffReply = await reply(ticketId, staff, 'Looking into it.');
    expect(staffReply.status).toBe(201);
    expect(staffReply.body).toMatchObject({ authorType: 'staff', authorLabel: 'Support Team' });
    const ticket = await detail(ticketId, 3);
    expect(ticket.body.messages.map((m: { authorLabel: string }) => m.authorLabel)).toEqual([
      'You',
      'Support Team',
    ]);
  });

  it('"User-submitted messages always count as user replies — you cannot post as staff."', async () => {
    const ticketId = await openTicket(customer, accountId);
    const response = await api('POST', path(ticketId, accountId, 'message'), {
      key: customer,
      body: { message: 'I am staff now', authorType: 'staff' },
    });
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('property authorType should not exist');
  });

  it('answers a reply with 201, the created message, its Location and the new version', async () => {
    const ticketId = await openTicket(customer, accountId);
    const response = await reply(ticketId, customer, 'Still failing after 30 minutes.');
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(path(ticketId, accountId));
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body).toEqual({
      id: expect.any(Number),
      ticketId,
      message: 'Still failing after 30 minutes.',
      authorType: 'customer',
      authorLabel: 'You',
      createdAt: expect.any(String),
      attachments: [],
      ticketVersion: 2,
    });
  });

  it.each([
    ['missing', {}],
    ['empty', { message: '' }],
    ['only whitespace', { message: '   \n\t ' }],
    ['not a string', { message: 42 }],
  ])('"The server returns 400 if the message is empty": %s', async (_case, body) => {
    const ticketId = await openTicket(customer, accountId);
    const response = await api('POST', path(ticketId, accountId, 'message'), {
      key: customer,
      body,
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, detail: 'Message is required.' });
    expect(response.body.errors).toEqual([{ field: 'message', messages: expect.any(Array) }]);
  });

  it('"If a ticket is Resolved and you add a message, the server automatically reopens it — status goes back to Open and the resolved timestamp is cleared."', async () => {
    const ticketId = await openTicket(customer, accountId);
    const resolved = await api('POST', path(ticketId, accountId, 'resolve'), { key: staff });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'Resolved',
      resolvedAt: expect.any(String),
      version: 2,
    });
    expect((await detail(ticketId, 2)).body).toMatchObject({ status: 'Resolved' });

    const response = await reply(ticketId, customer, 'It broke again.');
    expect(response.status).toBe(201);
    expect(response.body.ticketVersion).toBe(4);
    const ticket = await detail(ticketId, 4);
    expect(ticket.body).toMatchObject({ status: 'Open', resolvedAt: null });
  });

  it('a staff reply to a Resolved ticket leaves it Resolved', async () => {
    const ticketId = await openTicket(customer, accountId);
    await api('POST', path(ticketId, accountId, 'resolve'), { key: staff });
    const response = await reply(ticketId, staff, 'Glad it works now.');
    expect(response.body.ticketVersion).toBe(3);
    expect((await detail(ticketId, 3)).body.status).toBe('Resolved');
  });

  it('"Confirming calls POST /api/Ticket/{id}/close." — any status but Closed closes', async () => {
    const ticketId = await openTicket(customer, accountId);
    const response = await api('POST', path(ticketId, accountId, 'close'), { key: customer });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body).toMatchObject({
      id: ticketId,
      status: 'Closed',
      closedAt: expect.any(String),
    });
    expect((await detail(ticketId, 2)).body).toMatchObject({
      status: 'Closed',
      closedAt: response.body.closedAt,
    });
  });

  it('"Calling close again returns 400 because it is already closed."', async () => {
    const ticketId = await openTicket(customer, accountId);
    await api('POST', path(ticketId, accountId, 'close'), { key: customer });
    const again = await api('POST', path(ticketId, accountId, 'close'), { key: customer });
    expect(again.status).toBe(400);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.body).toMatchObject({ status: 400, detail: 'Ticket is already closed.' });
  });

  it('"Once a ticket is Closed, ... no further messages can be added." — 400 and nothing appended', async () => {
    const ticketId = await openTicket(customer, accountId);
    await api('POST', path(ticketId, accountId, 'close'), { key: customer });
    for (const key of [customer, staff]) {
      const response = await reply(ticketId, key, 'One more thing');
      expect(response.status).toBe(400);
      expect(response.body.detail).toBe(
        'Ticket is closed; no further messages or attachments can be added.',
      );
    }
    const ticket = await detail(ticketId, 2);
    expect(ticket.body).toMatchObject({ version: 2, messages: [] });
  });

  it('resolving is for the support team: 403 for a customer key', async () => {
    const ticketId = await openTicket(customer, accountId);
    const response = await api('POST', path(ticketId, accountId, 'resolve'), { key: customer });
    expect(response.status).toBe(403);
    expect(response.body.detail).toBe('Only the support team can resolve a ticket.');
  });

  it('staff move a ticket through In Progress and Awaiting Customer; a customer reply hands it back', async () => {
    const ticketId = await openTicket(customer, accountId);
    const status = (key: string, to: string) =>
      api('POST', path(ticketId, accountId, 'status'), { key, body: { status: to } });
    expect((await status(staff, 'InProgress')).body).toMatchObject({
      status: 'InProgress',
      version: 2,
    });
    expect((await status(staff, 'AwaitingCustomer')).body).toMatchObject({
      status: 'AwaitingCustomer',
    });
    expect((await status(customer, 'InProgress')).status).toBe(403);
    expect((await status(staff, 'Closed')).status).toBe(400);
    await reply(ticketId, customer, 'Here is the log you asked for.');
    expect((await detail(ticketId, 5)).body.status).toBe('Open');
  });

  it.each([
    ['Resolved', 'resolve', undefined],
    ['InProgress', 'status', { status: 'InProgress' }],
    ['AwaitingCustomer', 'status', { status: 'AwaitingCustomer' }],
  ])(
    '"When status is anything other than Closed" the ticket can be closed: from %s',
    async (_status, action, body) => {
      const ticketId = await openTicket(customer, accountId);
      expect(
        (await api('POST', path(ticketId, accountId, action), { key: staff, body })).status,
      ).toBe(200);
      const closing = await api('POST', path(ticketId, accountId, 'close'), { key: customer });
      expect(closing.status).toBe(200);
      expect(closing.body).toMatchObject({ status: 'Closed', version: 3 });
    },
  );

  it('staff can reopen a Resolved ticket by moving it to Open, which clears resolvedAt', async () => {
    const ticketId = await openTicket(customer, accountId);
    await api('POST', path(ticketId, accountId, 'resolve'), { key: staff });
    const reopened = await api('POST', path(ticketId, accountId, 'status'), {
      key: staff,
      body: { status: 'Open' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'Open', resolvedAt: null, version: 3 });
  });

  it('every event records the actor, the time and the request id as its correlation id', async () => {
    const ticketId = await openTicket(customer, accountId);
    const requestId = `req-${Date.now()}`;
    await api('POST', path(ticketId, accountId, 'message'), {
      key: staff,
      body: { message: 'Traced reply' },
      headers: { 'x-request-id': requestId },
    });
    const { rows } = await testPool().query<{
      event_type: string;
      schema_version: number;
      metadata: any;
    }>(
      `SELECT event_type, schema_version, metadata FROM events WHERE stream_id = $1 AND stream_version = 2`,
      [`ticket-${ticketId}`],
    );
    expect(rows[0]).toMatchObject({
      event_type: 'MessageAdded',
      schema_version: 1,
      metadata: {
        actor: { role: 'staff', accountId },
        occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        correlationId: requestId,
      },
    });
  });

  it('resolving a Resolved ticket is a 409 invalid transition', async () => {
    const ticketId = await openTicket(customer, accountId);
    await api('POST', path(ticketId, accountId, 'resolve'), { key: staff });
    const again = await api('POST', path(ticketId, accountId, 'resolve'), { key: staff });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATUS_TRANSITION');
  });

  it('the thread comes back in order', async () => {
    const ticketId = await openTicket(customer, accountId);
    for (const text of ['one', 'two', 'three']) await reply(ticketId, customer, text);
    const ticket = await detail(ticketId, 4);
    expect(ticket.body.messages.map((m: { message: string }) => m.message)).toEqual([
      'one',
      'two',
      'three',
    ]);
  });

  it('lists tickets with status and topic filters and cursor pagination', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await openTicket(customer, accountId, { topic: i % 2 ? 'Billing' : 'Access' }));
    await api('POST', path(ids[0], accountId, 'close'), { key: customer });
    await detail(ids[0], 2);
    const list = (query: string) =>
      api('GET', `/api/Ticket?accountId=${accountId}${query}`, { key: customer });

    const firstPage = await list('&limit=2');
    expect(firstPage.status).toBe(200);
    expect(firstPage.body.items.map((t: { id: number }) => t.id)).toEqual([ids[4], ids[3]]);
    const secondPage = await list(`&limit=2&cursor=${firstPage.body.nextCursor}`);
    expect(secondPage.body.items.map((t: { id: number }) => t.id)).toEqual([ids[2], ids[1]]);
    const lastPage = await list(`&limit=2&cursor=${secondPage.body.nextCursor}`);
    expect(lastPage.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });

    const billing = await list('&topic=Billing');
    expect(billing.body.items.map((t: { id: number }) => t.id)).toEqual([ids[3], ids[1]]);
    const closed = await eventually(
      () => list('&status=Closed'),
      (r) => r.body.items.length === 1,
    );
    expect(closed.body.items[0]).toMatchObject({ id: ids[0], status: 'Closed', messageCount: 0 });
  });
});
