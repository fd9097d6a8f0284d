import { randomUUID } from 'node:crypto';
import { closeTestPool, customerKey, newAccountId, staffKey, testPool } from '../support/api-keys';
import { api } from '../support/http';
import { openTicket } from '../support/tickets';

const eventsOf = async (ticketId: number) =>
  (
    await testPool().query<{ stream_version: number; event_type: string }>(
      'SELECT stream_version, event_type FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [`ticket-${ticketId}`],
    )
  ).rows;

describe('safe retries with Idempotency-Key', () => {
  let accountId: string;
  let key: string;
  let ticketId: number;

  beforeEach(async () => {
    accountId = newAccountId();
    key = await customerKey(accountId);
    ticketId = await openTicket(key, accountId);
  });
  afterAll(closeTestPool);

  const reply = (idempotencyKey: string, message: string, apiKey = key) =>
    api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key: apiKey,
      body: { message },
      headers: { 'idempotency-key': idempotencyKey },
    });

  it('the same key with the same body returns the first response and appends nothing', async () => {
    const idempotencyKey = randomUUID();
    const first = await reply(idempotencyKey, 'Still failing after 30 minutes.');
    const retry = await reply(idempotencyKey, 'Still failing after 30 minutes.');
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await eventsOf(ticketId)).map((e) => e.event_type)).toEqual([
      'TicketOpened',
      'MessageAdded',
    ]);
  });

  it('the same key with a different body is 422', async () => {
    const idempotencyKey = randomUUID();
    await reply(idempotencyKey, 'first');
    const other = await reply(idempotencyKey, 'second');
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await eventsOf(ticketId)).toHaveLength(2);
  });

  it('the same key while the first request is still running is 409', async () => {
    const idempotencyKey = randomUUID();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () => reply(idempotencyKey, 'once')),
    );
    const statuses = attempts.map((a) => a.status);
    expect(statuses).toContain(201);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(attempts.find((a) => a.status === 409)?.body.code ?? 'IDEMPOTENCY_KEY_IN_PROGRESS').toBe(
      'IDEMPOTENCY_KEY_IN_PROGRESS',
    );
    expect((await eventsOf(ticketId)).filter((e) => e.event_type === 'MessageAdded')).toHaveLength(
      1,
    );
  });

  it('keys are scoped to the API key', async () => {
    const idempotencyKey = randomUUID();
    const otherKey = await customerKey(accountId);
    expect((await reply(idempotencyKey, 'from key one')).status).toBe(201);
    expect((await reply(idempotencyKey, 'from key two', otherKey)).status).toBe(201);
    expect(await eventsOf(ticketId)).toHaveLength(3);
  });

  it('a failed request can be retried with the same key', async () => {
    const idempotencyKey = randomUUID();
    await api('POST', `/api/Ticket/${ticketId}/close?accountId=${accountId}`, { key });
    const refused = await reply(idempotencyKey, 'too late');
    expect(refused.status).toBe(400);
    const again = await reply(idempotencyKey, 'too late');
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
  });
});

describe('no lost updates under concurrency', () => {
  afterAll(closeTestPool);

  it('100 parallel replies give 100 messages with versions 2..101', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const ticketId = await openTicket(key, accountId);
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
          key,
          body: { message: `reply ${i}` },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(100).fill(201));
    const versions = replies.map((r) => r.body.ticketVersion).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 100 }, (_, i) => i + 2));
    const events = await eventsOf(ticketId);
    expect(events.map((e) => e.stream_version)).toEqual(
      Array.from({ length: 101 }, (_, i) => i + 1),
    );
    const ticket = await api(
      'GET',
      `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=101`,
      { key },
    );
    expect(ticket.body.messages).toHaveLength(100);
  });

  it('a close racing replies never leaves a reply after the close', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const staff = await staffKey();
    const ticketId = await openTicket(key, accountId);
    const requests = Array.from({ length: 20 }, (_, i) =>
      i === 10
        ? api('POST', `/api/Ticket/${ticketId}/close?accountId=${accountId}`, { key })
        : api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
            key: i % 2 ? key : staff,
            body: { message: `racing ${i}` },
          }),
    );
    const responses = await Promise.all(requests);
    const types = (await eventsOf(ticketId)).map((e) => e.event_type);
    expect(types[types.length - 1]).toBe('TicketClosed');
    const accepted = responses.filter((r, i) => i !== 10 && r.status === 201).length;
    const refused = responses.filter((r, i) => i !== 10 && r.status === 400).length;
    expect(accepted + refused).toBe(19);
    expect(types.filter((t) => t === 'MessageAdded')).toHaveLength(accepted);
  });

  it('If-Match with the current ETag succeeds; a stale one is 412 and appends nothing', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const opened = await api('POST', `/api/Ticket?accountId=${accountId}`, {
      key,
      body: { subject: 's', description: 'd', topic: 't' },
    });
    const ticketId = opened.body.id as number;
    const etag = opened.headers.get('etag')!;
    const send = (ifMatch: string) =>
      api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
        key,
        body: { message: 'conditional' },
        headers: { 'if-match': ifMatch },
      });
    const first = await send(etag);
    expect(first.status).toBe(201);
    const stale = await send(etag);
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(await eventsOf(ticketId)).toHaveLength(2);
  });
});
