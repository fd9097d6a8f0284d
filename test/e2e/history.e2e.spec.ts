import { closeTestPool, customerKey, newAccountId, staffKey, testPool } from '../support/api-keys';
import type { ApiResponse } from '../support/http';
import { api } from '../support/http';

const path = (ticketId: number, accountId: string, action = '') =>
  `/api/Ticket/${ticketId}${action ? `/${action}` : ''}?accountId=${accountId}`;

const versionOf = (response: ApiResponse): number =>
  Number(response.headers.get('etag')?.replace(/"/g, ''));

function expectStatus(response: ApiResponse, status: number): ApiResponse {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

interface Step {
  readonly name: string;
  /** The ticket as GET answered once the read model had this step's version. */
  readonly snapshot: any;
  readonly version: number;
}

/**
 * One ticket through the life the seed describes; after each step, the detail as the read model shows it.
 */
async function aTicketLife(accountId: string, customer: string, staff: string) {
  const steps: Step[] = [];
  const record = async (name: string, response: ApiResponse) => {
    const version = versionOf(response);
    const ticketId = ticketIdOf(response);
    const detail = expectStatus(
      await api('GET', `${path(ticketId, accountId)}&minVersion=${version}`, { key: customer }),
      200,
    );
    steps.push({ name, snapshot: detail.body, version });
  };
  let id = 0;
  const ticketIdOf = (response: ApiResponse): number => {
    id ||= response.body.id;
    return id;
  };
  const post = async (key: string, action: string, body?: unknown) =>
    expectStatus(
      await api('POST', path(id, accountId, action), { key, body }),
      action === 'message' ? 201 : 200,
    );

  await record(
    'opened',
    expectStatus(
      await api('POST', `/api/Ticket?accountId=${accountId}`, {
        key: customer,
        body: { subject: 'Payments page fails', description: 'Since 9am.', topic: 'Billing' },
      }),
      201,
    ),
  );
  await record('customer replied', await post(customer, 'message', { message: 'Still failing.' }));
  await record('support replied', await post(staff, 'message', { message: 'Looking into it.' }));
  await record('in progress', await post(staff, 'status', { status: 'InProgress' }));
  await record('resolved', await post(staff, 'resolve'));
  await record('customer reopened', await post(customer, 'message', { message: 'Not fixed.' }));
  await record('closed', await post(customer, 'close'));
  return { ticketId: id, steps };
}

describe('audit history and state as of a time, from the event store', () => {
  let accountId: string;
  let customer: string;
  let staff: string;
  let ticketId: number;
  let steps: Step[];

  beforeAll(async () => {
    staff = await staffKey();
    accountId = newAccountId();
    customer = await customerKey(accountId);
    ({ ticketId, steps } = await aTicketLife(accountId, customer, staff));
  });
  afterAll(closeTestPool);

  const history = (query = '', key = customer, account = accountId) =>
    api('GET', `${path(ticketId, account, 'history')}${query}`, { key });

  describe('GET /api/Ticket/{id}/history', () => {
    it('lists every event in order: version, type, time, actor and data', async () => {
      const response = expectStatus(await history(), 200);

      expect(response.body.ticketId).toBe(ticketId);
      expect(response.body.nextCursor).toBeNull();
      const items: any[] = response.body.items;
      expect(items.map((e) => [e.version, e.type, e.actor])).toEqual([
        [1, 'TicketOpened', { role: 'customer', label: 'You' }],
        [2, 'MessageAdded', { role: 'customer', label: 'You' }],
        [3, 'MessageAdded', { role: 'staff', label: 'Support Team' }],
        [4, 'TicketStatusChanged', { role: 'staff', label: 'Support Team' }],
        [5, 'TicketResolved', { role: 'staff', label: 'Support Team' }],
        [6, 'MessageAdded', { role: 'customer', label: 'You' }],
        [7, 'TicketReopened', { role: 'customer', label: 'You' }],
        [8, 'TicketClosed', { role: 'customer', label: 'You' }],
      ]);
      expect(items[0].data).toEqual({
        ticketId,
        accountId,
        subject: 'Payments page fails',
        description: 'Since 9am.',
        topic: 'Billing',
        propertyId: null,
      });
      expect(items[3].data).toEqual({ ticketId, from: 'Open', to: 'InProgress' });
      expect(items[6].data).toEqual({ ticketId, reason: 'customer-reply' });
      const times = items.map((e) => Date.parse(e.occurredAt));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(items[5].occurredAt).toBe(items[6].occurredAt);
    });

    it('is exactly what the event store holds for the ticket', async () => {
      const { rows } = await testPool().query(
        `SELECT event_id, stream_version, event_type, recorded_at FROM events
         WHERE stream_id = $1 ORDER BY stream_version`,
        [`ticket-${ticketId}`],
      );
      const { body } = await history();

      expect(body.items.map((e: any) => [e.eventId, e.version, e.type, e.recordedAt])).toEqual(
        rows.map((r) => [r.event_id, r.stream_version, r.event_type, r.recorded_at.toISOString()]),
      );
    });

    it('never shows the API key or who held it: the actor is only a role and its label', async () => {
      const keyIds = await testPool().query<{ id: string }>(
        `SELECT DISTINCT metadata->'actor'->>'apiKeyId' AS id FROM events WHERE stream_id = $1`,
        [`ticket-${ticketId}`],
      );
      const text = JSON.stringify((await history()).body);

      expect(keyIds.rows.length).toBeGreaterThan(0);
      for (const { id } of keyIds.rows) expect(text).not.toContain(id);
      expect(text).not.toContain(customer);
      expect(text).not.toContain('apiKeyId');
      expect(text).not.toContain('correlationId');
    });

    it('pages with an opaque cursor and a limit; the pages add up to the whole history', async () => {
      const all = (await history()).body.items;
      const seen: any[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = expectStatus(
          await history(`&limit=3${cursor ? `&cursor=${cursor}` : ''}`),
          200,
        );
        expect(response.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...response.body.items);
        cursor = response.body.nextCursor;
        pages++;
      } while (cursor);

      expect(pages).toBe(3);
      expect(seen).toEqual(all);
    });

    it('is complete the moment a command has answered, while the projection may still lag', async () => {
      const reply = expectStatus(
        await api('POST', `/api/Ticket?accountId=${accountId}`, {
          key: customer,
          body: { subject: 'Fresh', description: 'Just now', topic: 'Access' },
        }),
        201,
      );
      const fresh = reply.body.id;
      const message = expectStatus(
        await api('POST', path(fresh, accountId, 'message'), {
          key: customer,
          body: { message: 'Right after.' },
        }),
        201,
      );

      const response = await api('GET', path(fresh, accountId, 'history'), { key: customer });

      expect(response.body.items.map((e: any) => e.version)).toEqual([1, versionOf(message)]);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['cursor=not!base64', 'cursor'],
      ['cursor=t5', 'cursor'],
      ['cursor=h0', 'cursor'],
      ['cursor=0', 'cursor'],
      ['after=3', 'after'],
    ])('answers 400 for %s', async (query, field) => {
      const response = await history(`&${query}`);

      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: any) => e.field)).toContain(field);
    });

    it("answers 404 for another account's ticket, for staff too, and for a ticket that does not exist", async () => {
      const other = newAccountId();
      const otherKey = await customerKey(other);

      expect((await history('', otherKey, other)).status).toBe(404);
      expect((await history('', staff, other)).status).toBe(404);
      expect(
        (await api('GET', path(999_999_999, accountId, 'history'), { key: customer })).status,
      ).toBe(404);
      expect((await history('', staff, accountId)).status).toBe(200);
    });

    it('answers 403 when a customer key asks for another account', async () => {
      expect((await history('', customer, newAccountId())).status).toBe(403);
    });
  });

  describe('GET /api/Ticket/{id}?asOf=', () => {
    const asOf = (time: string, key = customer, account = accountId) =>
      api('GET', `${path(ticketId, account)}&asOf=${encodeURIComponent(time)}`, { key });

    it('answers, for every step of its life, exactly what GET answered right after that step', async () => {
      const { items } = (await history()).body;
      for (const step of steps) {
        const time = items.find((e: any) => e.version === step.version).occurredAt;

        const response = expectStatus(await asOf(time), 200);

        expect({ step: step.name, ticket: response.body }).toEqual({
          step: step.name,
          ticket: step.snapshot,
        });
        expect(response.headers.get('etag')).toBe(`"${step.version}"`);
      }
    });

    it('between two events, answers the state after the earlier one', async () => {
      const { items } = (await history()).body;
      const resolvedAt = Date.parse(items[4].occurredAt);
      const reopenedAt = Date.parse(items[5].occurredAt);
      const between = new Date(Math.floor((resolvedAt + reopenedAt) / 2)).toISOString();

      const response = expectStatus(await asOf(between), 200);

      expect(response.body).toMatchObject({ status: 'Resolved', version: 5 });
      expect(response.body.messages).toHaveLength(2);
    });

    it('a time in the future answers the ticket as it is now', async () => {
      const response = expectStatus(await asOf('2999-01-01T00:00:00Z'), 200);

      expect(response.body).toEqual(steps[steps.length - 1].snapshot);
    });

    it('accepts a time with an offset', async () => {
      const { items } = (await history()).body;
      const opened = new Date(items[0].occurredAt);
      const inParis = new Date(opened.getTime() + 3_600_000).toISOString().replace('Z', '+01:00');

      const response = expectStatus(await asOf(inParis), 200);

      expect(response.body.version).toBe(1);
    });

    it('answers 404 for a time before the ticket existed', async () => {
      const { items } = (await history()).body;
      const before = new Date(Date.parse(items[0].occurredAt) - 1).toISOString();

      expect((await asOf(before)).status).toBe(404);
      expect((await asOf('2000-01-01')).status).toBe(404);
    });

    it("answers 404 for another account's ticket", async () => {
      const other = newAccountId();

      expect((await asOf('2999-01-01T00:00:00Z', await customerKey(other), other)).status).toBe(
        404,
      );
      expect((await asOf('2999-01-01T00:00:00Z', staff, other)).status).toBe(404);
    });

    it.each(['yesterday', '2025-02-30T00:00:00Z', '2025-01-15T12:00:00', '1736942400000', ''])(
      'answers 400 for asOf=%j',
      async (time) => {
        const response = await asOf(time);

        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(response.body.errors.map((e: any) => e.field)).toContain('asOf');
      },
    );

    it('answers 400 when asOf and minVersion are combined', async () => {
      const response = await api(
        'GET',
        `${path(ticketId, accountId)}&asOf=2999-01-01T00:00:00Z&minVersion=1`,
        { key: customer },
      );

      expect(response.status).toBe(400);
    });
  });
});
