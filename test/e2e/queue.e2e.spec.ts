import { randomUUID } from 'node:crypto';
import { agentKey, closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import type { ApiResponse } from '../support/http';
import { api } from '../support/http';
import { openTicket } from '../support/tickets';

interface QueueItem {
  ticketId: number;
  priority: string;
  [field: string]: unknown;
}

const path = (ticketId: number, accountId: string, action = '') =>
  `/api/Ticket/${ticketId}${action ? `/${action}` : ''}?accountId=${accountId}`;

const versionOf = (response: ApiResponse): number =>
  Number(response.headers.get('etag')?.replace(/"/g, ''));

const uniqueGroup = () => `q-${randomUUID().slice(0, 8)}`;

describe('the staff queue', () => {
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

  const queue = (query: string, key = staff) => api('GET', `/api/queue?${query}`, { key });

  /**
   * Waits (minVersion) until the read model, which the queue reads too, has this ticket's version, as the key
   * that sent the command counts it (a customer's leaves the staff-only events out).
   */
  async function projected(ticketId: number, response: ApiResponse, key: string): Promise<void> {
    const read = await api(
      'GET',
      `${path(ticketId, accountId)}&minVersion=${versionOf(response)}`,
      {
        key,
      },
    );
    if (read.status !== 200) throw new Error(`not projected: ${read.status}`);
  }

  const command = async (ticketId: number, action: string, body: unknown, key = staff) => {
    const response = await api('POST', path(ticketId, accountId, action), { key, body });
    if (response.status >= 300) throw new Error(`${action}: ${JSON.stringify(response.body)}`);
    await projected(ticketId, response, key);
    return response;
  };

  /** The urgent head of a view (only this suite sets urgent), page by page. */
  async function urgentHead(view: string, key = staff): Promise<number[]> {
    const ids: number[] = [];
    let cursor = '';
    for (let pages = 0; pages < 50; pages++) {
      const page = await queue(`view=${view}&limit=100${cursor}`, key);
      expect(page.status).toBe(200);
      const items = page.body.items as QueueItem[];
      const urgent = items.filter((i) => i.priority === 'urgent');
      ids.push(...urgent.map((i) => i.ticketId));
      if (urgent.length < items.length || page.body.nextCursor === null) return ids;
      cursor = `&cursor=${page.body.nextCursor}`;
    }
    throw new Error('the urgent head of the queue did not end in 50 pages');
  }

  async function anUrgentTicket(): Promise<number> {
    const ticketId = await openTicket(customer, accountId);
    await command(ticketId, 'priority', { priority: 'urgent' });
    return ticketId;
  }

  it('a group view lists urgent first, then by priority, the oldest last message first, page by page', async () => {
    const group = uniqueGroup();
    const [a, b, c] = [
      await openTicket(customer, accountId, { subject: 'A' }),
      await openTicket(customer, accountId, { subject: 'B' }),
      await openTicket(customer, accountId, { subject: 'C' }),
    ];
    for (const id of [a, b, c]) await command(id, 'assign', { group });
    await command(b, 'priority', { priority: 'urgent' });
    await command(c, 'priority', { priority: 'high' });

    const first = await queue(`view=group:${group}&limit=2`);
    const second = await queue(`view=group:${group}&limit=2&cursor=${first.body.nextCursor}`);

    expect(first.status).toBe(200);
    expect(first.body.items.map((i: QueueItem) => i.ticketId)).toEqual([b, c]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(second.body.items.map((i: QueueItem) => i.ticketId)).toEqual([a]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('an item carries the ticket, account, subject, status, priority, assignee and last message', async () => {
    const group = uniqueGroup();
    const ticketId = await openTicket(customer, accountId, { subject: 'Card declined' });
    await command(ticketId, 'assign', { group });
    const reply = await command(ticketId, 'message', { message: 'On it' });

    const page = await queue(`view=group:${group}`);

    expect(page.body.items).toEqual([
      {
        ticketId,
        accountId,
        subject: 'Card declined',
        status: 'Open',
        priority: 'normal',
        assignee: { group },
        lastMessageAuthor: 'staff',
        lastMessageAt: reply.body.createdAt,
      },
    ]);
  });

  it("mine lists the tickets assigned to the key's agent; a key without an agent has none", async () => {
    const agent = await agentKey(`Queue Agent ${randomUUID().slice(0, 8)}`);
    const ticketId = await anUrgentTicket();
    await command(ticketId, 'assign', { agentId: agent.agentId });

    expect(await urgentHead('mine', agent.key)).toEqual([ticketId]);
    expect((await queue('view=mine')).body).toEqual({ items: [], nextCursor: null });
  });

  it('awaiting-staff holds a ticket while the customer spoke last', async () => {
    const ticketId = await anUrgentTicket();
    expect(await urgentHead('awaiting-staff')).toContain(ticketId);

    await command(ticketId, 'message', { message: 'Looking into it' });
    expect(await urgentHead('awaiting-staff')).not.toContain(ticketId);

    await command(ticketId, 'message', { message: 'Any news?' }, customer);
    expect(await urgentHead('awaiting-staff')).toContain(ticketId);
  });

  it('unassigned holds a ticket until it is assigned, and again once unassigned', async () => {
    const ticketId = await anUrgentTicket();
    expect(await urgentHead('unassigned')).toContain(ticketId);

    await command(ticketId, 'assign', { group: uniqueGroup() });
    expect(await urgentHead('unassigned')).not.toContain(ticketId);

    await command(ticketId, 'assign', { agentId: null });
    expect(await urgentHead('unassigned')).toContain(ticketId);
  });

  it('a closed ticket leaves every view; open is the default view', async () => {
    const ticketId = await anUrgentTicket();
    expect(await urgentHead('open')).toContain(ticketId);

    await command(ticketId, 'close', undefined, customer);

    expect(await urgentHead('open')).not.toContain(ticketId);
    expect(await urgentHead('unassigned')).not.toContain(ticketId);
    expect(await urgentHead('awaiting-staff')).not.toContain(ticketId);
    expect((await queue('limit=1')).body.items[0]).toEqual(
      (await queue('view=open&limit=1')).body.items[0],
    );
  });

  it("counts gives every view's count: mine for the key's agent, and each group's", async () => {
    const group = uniqueGroup();
    const empty = uniqueGroup();
    const agent = await agentKey(`Counted ${randomUUID().slice(0, 8)}`, [group, empty]);
    const [x, y, z] = [
      await openTicket(customer, accountId),
      await openTicket(customer, accountId),
      await openTicket(customer, accountId),
    ];
    await command(x, 'assign', { group });
    await command(y, 'assign', { group });
    await command(z, 'assign', { agentId: agent.agentId });

    const counts = await api('GET', '/api/queue/counts', { key: agent.key });

    expect(counts.status).toBe(200);
    const views = new Map<string, number>(
      counts.body.views.map((v: { view: string; count: number }) => [v.view, v.count]),
    );
    expect(counts.body.views.slice(0, 4).map((v: { view: string }) => v.view)).toEqual([
      'open',
      'unassigned',
      'mine',
      'awaiting-staff',
    ]);
    expect([views.get(`group:${group}`), views.get(`group:${empty}`), views.get('mine')]).toEqual([
      2, 0, 1,
    ]);
    expect(views.get('open')).toBeGreaterThanOrEqual(3);
  });

  it.each(['/api/queue', '/api/queue/counts'])(
    '%s is 403 ROLE_NOT_ALLOWED for a customer key and 401 without a key',
    async (route) => {
      const refused = await api('GET', route, { key: customer });

      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body.code).toBe('ROLE_NOT_ALLOWED');
      expect((await api('GET', route)).status).toBe(401);
    },
  );

  it.each([
    ['view=everything'],
    ['view=group:Billing Team'],
    ['cursor=t12'],
    ['cursor=q9.1.1'],
    ['cursor=q1.337246174414949.89'],
    ['limit=0'],
    ['limit=101'],
  ])('%s is 400 VALIDATION_FAILED', async (query) => {
    const response = await queue(query);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });
});
