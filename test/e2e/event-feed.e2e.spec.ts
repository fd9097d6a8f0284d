import type { Schemas } from '@app/client';
import { closeTestPool, customerKey, newAccountId, staffKey, testPool } from '../support/api-keys';
import { clientFor } from '../support/client';
import { eventually } from '../support/http';
import { openTicket } from '../support/tickets';

type FeedItem = Schemas['FeedItem'];

async function readPage(key: string, accountId: string, after?: string, limit = 100, wait = 0) {
  const { data, response } = await clientFor(key).GET('/api/events', {
    params: { query: { accountId, after, limit, wait } },
  });
  if (!data) throw new Error(`feed answered ${response.status}`);
  return data;
}

/** Follows the feed with long-polls until `count` events came, bounded in pages and time. */
async function follow(key: string, accountId: string, count: number, after?: string) {
  const items: FeedItem[] = [];
  const cursors: string[] = [];
  let cursor = after;
  const deadline = Date.now() + 30_000;
  for (let page = 0; items.length < count && page < 200 && Date.now() < deadline; page++) {
    const data = await readPage(key, accountId, cursor, 3, 5);
    items.push(...data.items);
    cursor = data.nextCursor;
    cursors.push(cursor);
  }
  return { items, cursors, cursor };
}

async function historyIds(key: string, accountId: string, ticketId: number): Promise<string[]> {
  const { data } = await clientFor(key).GET('/api/Ticket/{id}/history', {
    params: { path: { id: ticketId }, query: { accountId } },
  });
  return data!.items.map((e) => e.eventId);
}

const reply = (key: string, accountId: string, id: number, message: string) =>
  clientFor(key).POST('/api/Ticket/{id}/message', {
    params: { path: { id }, query: { accountId } },
    body: { message },
  });

describe('the change feed (GET /api/events)', () => {
  afterAll(closeTestPool);

  it("lets a consumer start from zero, follow with long-polls and end with exactly its account's events, in order", async () => {
    const [mine, other] = [newAccountId(), newAccountId()];
    const [key, otherKey] = [await customerKey(mine), await customerKey(other)];
    const first = await openTicket(key, mine);
    await openTicket(otherKey, other);
    const following = follow(key, mine, 8);
    const second = await openTicket(key, mine);
    for (let i = 0; i < 3; i++) {
      await reply(key, mine, first, `first ${i}`);
      await reply(otherKey, mine, second, 'not allowed').catch(() => undefined);
      await reply(key, mine, second, `second ${i}`);
    }
    const { items, cursor } = await following;

    expect(items).toHaveLength(8);
    expect(items.every((item) => item.accountId === mine)).toBe(true);
    const ids = items.map((item) => item.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const ofTicket = (id: number) => items.filter((i) => i.ticketId === id).map((i) => i.eventId);
    expect(ofTicket(first)).toEqual(await historyIds(key, mine, first));
    expect(ofTicket(second)).toEqual(await historyIds(key, mine, second));
    const rest = await readPage(key, mine, cursor);
    expect(rest.items).toEqual([]);
  });

  it('gives exactly the remainder when resumed from any cursor it returned', async () => {
    const account = newAccountId();
    const key = await customerKey(account);
    const id = await openTicket(key, account);
    for (let i = 0; i < 4; i++) await reply(key, account, id, `reply ${i}`);
    const all: FeedItem[] = [];
    // each cursor with how many events came before it (a long-poll may end on an empty page)
    const cursors: { cursor: string | undefined; before: number }[] = [
      { cursor: undefined, before: 0 },
    ];
    for (let page = 0; all.length < 5 && page < 20; page++) {
      const data = await readPage(key, account, cursors[cursors.length - 1].cursor, 2, 5);
      all.push(...data.items);
      cursors.push({ cursor: data.nextCursor, before: all.length });
    }
    expect(all).toHaveLength(5);
    for (const { cursor, before } of cursors) {
      const expected = all.slice(before).map((i) => i.eventId);
      // another worker's open transaction may hold the horizon back for a moment
      const remainder = await eventually(
        () => readPage(key, account, cursor, 100),
        (page) => page.items.length >= expected.length,
      );
      expect(remainder.items.map((i) => i.eventId)).toEqual(expected);
    }
  });

  it('waits for a transaction held open while later ones commit, and never skips its event', async () => {
    const account = newAccountId();
    const key = await customerKey(account);
    const held = await openTicket(key, account);
    const later = await openTicket(key, account);
    // another worker's open transaction may hold the horizon back before both openings show
    const { nextCursor: start } = await eventually(
      () => readPage(key, account, undefined, 100),
      (page) => page.items.length >= 2,
    );

    const client = await testPool().connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         VALUES ($1, 2, 'MessageAdded', 1, $2, $3, now())`,
        [
          `ticket-${held}`,
          {
            ticketId: held,
            messageId: 999_000_000 + held,
            message: 'held',
            authorType: 'customer',
          },
          {
            actor: { role: 'customer', accountId: account, apiKeyId: 'test' },
            occurredAt: new Date().toISOString(),
            correlationId: 'held-transaction',
          },
        ],
      );
      await reply(key, account, later, 'committed while the other transaction is open');
      const whileHeld = await readPage(key, account, start, 100);
      expect(whileHeld.items).toEqual([]);

      const waiting = readPage(key, account, whileHeld.nextCursor, 100, 10);
      await client.query('COMMIT');
      const page = await waiting;
      const rest = page.items.length < 2 ? await readPage(key, account, page.nextCursor) : page;
      const items = page.items.length < 2 ? [...page.items, ...rest.items] : page.items;
      expect(items.map((i) => [i.ticketId, i.type])).toEqual([
        [held, 'MessageAdded'],
        [later, 'MessageAdded'],
      ]);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    }
  });

  it('keeps only the listed event types when given types', async () => {
    const account = newAccountId();
    const key = await customerKey(account);
    const id = await openTicket(key, account);
    await reply(key, account, id, 'only this one');
    // another worker's open transaction may hold the feed's horizon back for a moment: wait on it
    const { data } = await eventually(
      () =>
        clientFor(key).GET('/api/events', {
          params: { query: { accountId: account, types: 'MessageAdded,TicketClosed', wait: 5 } },
        }),
      (page) => (page.data?.items.length ?? 0) > 0,
      15_000,
    );
    expect(data!.items.map((i) => [i.type, i.data.message])).toEqual([
      ['MessageAdded', 'only this one'],
    ]);
  });

  it('starts from now with after=now, and returns a cursor on an empty page', async () => {
    const account = newAccountId();
    const key = await customerKey(account);
    await openTicket(key, account);
    // after=now starts at the horizon, which another worker's open transaction may hold back
    await eventually(
      () => readPage(key, account, undefined, 100),
      (page) => page.items.length >= 1,
    );
    const now = await readPage(key, account, 'now');
    expect(now.items).toEqual([]);
    expect(now.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const id = await openTicket(key, account);
    const { items } = await follow(key, account, 1, now.nextCursor);
    expect(items.map((i) => [i.ticketId, i.type])).toEqual([[id, 'TicketOpened']]);
  });

  it('keeps accounts apart: a customer key reads only its account, a staff key one account or all', async () => {
    const [mine, other] = [newAccountId(), newAccountId()];
    const key = await customerKey(mine);
    const staff = await staffKey();
    const theirs = await openTicket(await customerKey(other), other);
    const ours = await openTicket(key, mine);

    const forbidden = await clientFor(key).GET('/api/events', {
      params: { query: { accountId: other } },
    });
    expect(forbidden.response.status).toBe(403);
    const everyAccount = await clientFor(key).GET('/api/events', {
      params: { query: { accountId: '*' } },
    });
    expect(everyAccount.response.status).toBe(403);

    const staffOne = await eventually(
      () => readPage(staff, other, undefined, 100),
      (page) => page.items.length >= 1,
    );
    expect(staffOne.items.map((i) => i.ticketId)).toEqual([theirs]);

    await eventually(
      () => readPage(key, mine, undefined, 100),
      (page) => page.items.length >= 1,
    );
    const { nextCursor: now } = await readPage(staff, '*', 'now');
    const [a, b] = [await openTicket(key, mine), await openTicket(staff, other)];
    const seen = new Set<number>();
    let cursor = now;
    const deadline = Date.now() + 30_000;
    while (!(seen.has(a) && seen.has(b)) && Date.now() < deadline) {
      const page = await readPage(staff, '*', cursor, 500, 5);
      for (const item of page.items) seen.add(item.ticketId);
      cursor = page.nextCursor;
    }
    expect([seen.has(a), seen.has(b)]).toEqual([true, true]);
    expect(ours).toBeLessThan(a);
  });

  it.each([
    ['a transaction id past xid8', 'f:99999999999999999999:1'],
    ['a global position past bigint', 'f:1:9999999999999999999'],
  ])('answers 400 problem+json, never 500, to a cursor with %s', async (_, raw) => {
    const account = newAccountId();
    const after = Buffer.from(raw).toString('base64url');
    const { error, response } = await clientFor(await customerKey(account)).GET('/api/events', {
      params: { query: { accountId: account, after } },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it("refuses one of a key's five concurrent long-polls with 429 TOO_MANY_WAITS and Retry-After; four wait", async () => {
    const account = newAccountId();
    const key = await customerKey(account);
    const { nextCursor } = await readPage(key, account, 'now');
    const longPoll = () =>
      clientFor(key).GET('/api/events', {
        params: { query: { accountId: account, after: nextCursor, wait: 3 } },
      });

    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => longPoll()));

    expect(answers.map((a) => a.response.status).sort()).toEqual([200, 200, 200, 200, 429]);
    const refused = answers.find((a) => a.response.status === 429)!;
    expect(refused.response.headers.get('retry-after')).toBe('1');
    expect(refused.error).toMatchObject({ code: 'TOO_MANY_WAITS' });
  });
});
