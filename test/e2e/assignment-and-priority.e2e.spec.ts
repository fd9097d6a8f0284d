import { randomUUID } from 'node:crypto';
import { agentKey, closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import type { ApiResponse } from '../support/http';
import { api } from '../support/http';
import { openTicket } from '../support/tickets';

const path = (ticketId: number, accountId: string, action = '') =>
  `/api/Ticket/${ticketId}${action ? `/${action}` : ''}?accountId=${accountId}`;

const versionOf = (response: ApiResponse): number =>
  Number(response.headers.get('etag')?.replace(/"/g, ''));

describe('assignment and priority (staff only)', () => {
  let accountId: string;
  let customer: string;
  let staff: string;
  let agent: { key: string; agentId: number; name: string };

  beforeAll(async () => {
    staff = await staffKey();
    const name = `Ana Lopez ${randomUUID().slice(0, 8)}`;
    agent = { ...(await agentKey(name, ['billing'])), name };
  });
  beforeEach(async () => {
    accountId = newAccountId();
    customer = await customerKey(accountId);
  });
  afterAll(closeTestPool);

  const assign = (ticketId: number, body: unknown, key = staff, headers = {}) =>
    api('POST', path(ticketId, accountId, 'assign'), { key, body, headers });
  const prioritise = (ticketId: number, priority: string, key = staff, headers = {}) =>
    api('POST', path(ticketId, accountId, 'priority'), { key, body: { priority }, headers });
  const detail = (ticketId: number, key: string, minVersion: number) =>
    api('GET', `${path(ticketId, accountId)}&minVersion=${minVersion}`, { key });

  it('a new ticket is normal and unassigned in the staff detail', async () => {
    const ticketId = await openTicket(customer, accountId);

    const ticket = await detail(ticketId, staff, 1);

    expect(ticket.body).toMatchObject({ priority: 'normal', assignee: null });
  });

  it('assigns a ticket to an agent with 200, the agent and its name, and a new version as ETag', async () => {
    const ticketId = await openTicket(customer, accountId);

    const response = await assign(ticketId, { agentId: agent.agentId });

    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.body).toEqual({
      id: ticketId,
      status: 'Open',
      priority: 'normal',
      assignee: { agentId: agent.agentId, name: agent.name },
      version: 2,
    });
    const ticket = await detail(ticketId, staff, 2);
    expect(ticket.body.assignee).toEqual({ agentId: agent.agentId, name: agent.name });
  });

  it('assigns to a group, then unassigns with agentId null', async () => {
    const ticketId = await openTicket(customer, accountId);

    const toGroup = await assign(ticketId, { group: 'billing' });
    const unassigned = await assign(ticketId, { agentId: null });

    expect(toGroup.body.assignee).toEqual({ group: 'billing' });
    expect(unassigned.body).toMatchObject({ assignee: null, version: 3 });
    expect((await detail(ticketId, staff, 3)).body.assignee).toBeNull();
  });

  it('assigning to the current assignee is 200 with no new event and the same version', async () => {
    const ticketId = await openTicket(customer, accountId);
    await assign(ticketId, { agentId: agent.agentId });

    const again = await assign(ticketId, { agentId: agent.agentId });
    const history = await api('GET', path(ticketId, accountId, 'history'), { key: staff });

    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'TicketOpened',
      'TicketAssigned',
    ]);
  });

  it('sets the priority with 200; the same priority again is 200 with no new event', async () => {
    const ticketId = await openTicket(customer, accountId);

    const urgent = await prioritise(ticketId, 'urgent');
    const again = await prioritise(ticketId, 'urgent');

    expect(urgent.status).toBe(200);
    expect(urgent.body).toMatchObject({ priority: 'urgent', version: 2 });
    expect(again.body).toMatchObject({ priority: 'urgent', version: 2 });
    expect((await detail(ticketId, staff, 2)).body.priority).toBe('urgent');
  });

  it('the history shows both events, without the agent name', async () => {
    const ticketId = await openTicket(customer, accountId);
    await assign(ticketId, { agentId: agent.agentId });
    await prioritise(ticketId, 'high');

    const history = await api('GET', path(ticketId, accountId, 'history'), { key: staff });

    expect(history.body.items.slice(1).map((e: { type: string; data: unknown }) => e)).toEqual([
      expect.objectContaining({
        type: 'TicketAssigned',
        data: { ticketId, assignee: { agentId: agent.agentId } },
      }),
      expect.objectContaining({
        type: 'TicketPriorityChanged',
        data: { ticketId, from: 'normal', to: 'high' },
      }),
    ]);
  });

  it('a customer key sees neither the priority nor the assignee, in the detail or the list, nor a new version', async () => {
    const ticketId = await openTicket(customer, accountId);
    const version = versionOf(await prioritise(ticketId, 'urgent'));
    expect((await detail(ticketId, staff, version)).status).toBe(200);

    const ticket = await detail(ticketId, customer, 1);
    const list = await api('GET', `/api/Ticket?accountId=${accountId}`, { key: customer });
    const staffList = await api('GET', `/api/Ticket?accountId=${accountId}`, { key: staff });

    expect(ticket.status).toBe(200);
    expect(ticket.headers.get('etag')).toBe('"1"');
    expect(list.body.items[0]).toMatchObject({ version: 1 });
    expect(ticket.body).not.toHaveProperty('priority');
    expect(ticket.body).not.toHaveProperty('assignee');
    expect(list.body.items[0]).not.toHaveProperty('priority');
    expect(staffList.body.items[0]).toMatchObject({ priority: 'urgent', assignee: null });
  });

  it.each([
    ['assign', (id: number, key: string) => assign(id, { agentId: null }, key)],
    ['priority', (id: number, key: string) => prioritise(id, 'high', key)],
  ])('%s is 403 ROLE_NOT_ALLOWED for a customer key', async (_, send) => {
    const ticketId = await openTicket(customer, accountId);

    const response = await send(ticketId, customer);

    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('assigning to an agent that does not exist is 404 AGENT_NOT_FOUND', async () => {
    const ticketId = await openTicket(customer, accountId);

    const response = await assign(ticketId, { agentId: 999_999_999 });

    expect(response.status).toBe(404);
    expect(response.body.code).toBe('AGENT_NOT_FOUND');
  });

  it('a ticket of another account, or none, is 404 TICKET_NOT_FOUND', async () => {
    const elsewhere = newAccountId();
    const ticketId = await openTicket(await customerKey(elsewhere), elsewhere);

    expect((await assign(ticketId, { agentId: null })).body.code).toBe('TICKET_NOT_FOUND');
    expect((await prioritise(ticketId, 'low')).status).toBe(404);
  });

  it.each([
    [{}, 'neither'],
    [{ agentId: 1, group: 'billing' }, 'both'],
    [{ group: 'Billing Team' }, 'a group name out of pattern'],
    [{ agentId: 'ana' }, 'an agentId that is not a number'],
    [{ agentId: null, note: 'x' }, 'an unknown field'],
  ] as [object, string][])('an assignment with %j (%s) is 400 VALIDATION_FAILED', async (body) => {
    const ticketId = await openTicket(customer, accountId);

    const response = await assign(ticketId, body);

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('a priority that is not low, normal, high or urgent is 400 VALIDATION_FAILED', async () => {
    const ticketId = await openTicket(customer, accountId);

    const response = await prioritise(ticketId, 'critical');

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it('a closed ticket refuses both with 400 TICKET_CLOSED', async () => {
    const ticketId = await openTicket(customer, accountId);
    await api('POST', path(ticketId, accountId, 'close'), { key: customer });

    expect((await assign(ticketId, { group: 'billing' })).body.code).toBe('TICKET_CLOSED');
    expect((await prioritise(ticketId, 'high')).body.code).toBe('TICKET_CLOSED');
  });

  it('a stale If-Match is 412 PRECONDITION_FAILED with the current version as ETag', async () => {
    const ticketId = await openTicket(customer, accountId);
    await prioritise(ticketId, 'high');

    const stale = await assign(ticketId, { group: 'billing' }, staff, { 'if-match': '"1"' });
    const current = await prioritise(ticketId, 'low', staff, { 'if-match': '"2"' });

    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(current.status).toBe(200);
  });

  it('an Idempotency-Key replays the first answer; with another body it is 422', async () => {
    const ticketId = await openTicket(customer, accountId);
    const headers = { 'idempotency-key': randomUUID() };

    const first = await prioritise(ticketId, 'high', staff, headers);
    const replay = await prioritise(ticketId, 'high', staff, headers);
    const reused = await prioritise(ticketId, 'low', staff, headers);

    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
