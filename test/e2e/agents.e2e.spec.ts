import { randomUUID } from 'node:crypto';
import { agentKey, closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import { api } from '../support/http';

const uniqueName = (name: string) => `${name} ${randomUUID().slice(0, 8)}`;

describe('agents', () => {
  afterAll(closeTestPool);

  it("GET /api/me shows a staff key's agent with its groups", async () => {
    const name = uniqueName('Ana Lopez');
    const { key, agentId } = await agentKey(name, ['billing']);

    const me = await api('GET', '/api/me', { key });

    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      role: 'staff',
      accountId: null,
      keyPrefix: expect.any(String),
      agent: { id: agentId, name, groups: ['billing'] },
    });
  });

  it('a second key of the same name belongs to the same agent, with the groups of both', async () => {
    const name = uniqueName('Ben Ode');
    const first = await agentKey(name, ['billing']);
    const second = await agentKey(name, ['access']);

    const me = await api('GET', '/api/me', { key: second.key });

    expect(second.agentId).toBe(first.agentId);
    expect(me.body.agent).toEqual({ id: first.agentId, name, groups: ['access', 'billing'] });
  });

  it('a staff key without an agent keeps working and has agent null', async () => {
    const key = await staffKey();

    const me = await api('GET', '/api/me', { key });
    const tickets = await api('GET', `/api/Ticket?accountId=${newAccountId()}`, { key });

    expect(me.body.agent).toBeNull();
    expect(tickets.status).toBe(200);
  });

  it('GET /api/agents lists every agent with its groups for staff keys', async () => {
    const name = uniqueName('Cleo Park');
    const { agentId } = await agentKey(name, ['billing', 'access']);

    const agents = await api('GET', '/api/agents', { key: await staffKey() });

    expect(agents.status).toBe(200);
    expect(agents.body.items).toContainEqual({ id: agentId, name, groups: ['access', 'billing'] });
  });

  it('GET /api/agents is 403 ROLE_NOT_ALLOWED for a customer key, as problem+json', async () => {
    const accountId = newAccountId();

    const agents = await api('GET', '/api/agents', { key: await customerKey(accountId) });

    expect(agents.status).toBe(403);
    expect(agents.headers.get('content-type')).toContain('application/problem+json');
    expect(agents.body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('GET /api/agents is 401 without a key', async () => {
    expect((await api('GET', '/api/agents')).status).toBe(401);
  });
});
