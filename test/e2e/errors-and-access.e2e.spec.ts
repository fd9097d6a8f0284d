import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api } from '../support/http';
import { openTicket } from '../support/tickets';

const expectProblem = (
  response: { status: number; headers: Headers; body: any },
  status: number,
) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/problem+json');
  expect(response.body).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
};

describe('errors are application/problem+json', () => {
  let accountId: string;
  let key: string;

  beforeAll(async () => {
    accountId = newAccountId();
    key = await customerKey(accountId);
  });
  afterAll(closeTestPool);

  it('unknown routes are 404', async () => {
    expectProblem(await api('GET', `/api/Nope?accountId=${accountId}`, { key }), 404);
  });

  it('a wrong method on a known route is 405 with Allow', async () => {
    const ticketId = await openTicket(key, accountId);
    const response = await api('DELETE', `/api/Ticket/${ticketId}?accountId=${accountId}`, { key });
    expectProblem(response, 405);
    expect(response.headers.get('allow')).toBe('GET');
  });

  it('malformed JSON is 400', async () => {
    const response = await api('POST', `/api/Ticket?accountId=${accountId}`, {
      key,
      rawBody: '{"subject": ',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(response, 400);
    expect(response.body.code).toBe('MALFORMED_BODY');
  });

  it('unknown fields are rejected with the field named', async () => {
    const response = await api('POST', `/api/Ticket?accountId=${accountId}`, {
      key,
      body: { subject: 's', description: 'd', topic: 't', priority: 'urgent' },
    });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([
      { field: 'priority', messages: ['property priority should not exist'] },
    ]);
  });

  it('a body over its limit is 413', async () => {
    const response = await api('POST', `/api/Ticket?accountId=${accountId}`, {
      key,
      body: { subject: 's', description: 'x'.repeat(600 * 1024), topic: 't' },
    });
    expectProblem(response, 413);
  });

  it.each([
    ['subject', { subject: 'x'.repeat(201), description: 'd', topic: 't' }],
    ['description', { subject: 's', description: 'x'.repeat(20_001), topic: 't' }],
    ['topic', { subject: 's', description: 'd', topic: 'x'.repeat(65) }],
  ])('text over its documented bound is a 400 naming the field: %s', async (field, body) => {
    const response = await api('POST', `/api/Ticket?accountId=${accountId}`, { key, body });
    expectProblem(response, 400);
    expect(response.body.errors[0].field).toBe(field);
  });

  it('text with a NUL or other control characters is a 400, never a 500', async () => {
    const opened = await api('POST', `/api/Ticket?accountId=${accountId}`, {
      key,
      body: { subject: 'a\u0000b', description: 'd', topic: 't' },
    });
    expectProblem(opened, 400);
    expect(opened.body.errors[0].field).toBe('subject');
    const ticketId = await openTicket(key, accountId);
    const reply = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key,
      body: { message: 'line one\nline\u0000two' },
    });
    expectProblem(reply, 400);
    const list = await api('GET', `/api/Ticket?accountId=${accountId}&topic=a%00b`, { key });
    expectProblem(list, 400);
  });

  it('tabs and line breaks are kept in a reply', async () => {
    const ticketId = await openTicket(key, accountId);
    const reply = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key,
      body: { message: 'Steps:\n\t1. open\r\n\t2. pay' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toBe('Steps:\n\t1. open\r\n\t2. pay');
  });

  it('a reply over 10,000 characters is a 400', async () => {
    const ticketId = await openTicket(key, accountId);
    const response = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key,
      body: { message: 'x'.repeat(10_001) },
    });
    expectProblem(response, 400);
    expect(response.body.detail).toBe('Message must be at most 10000 characters.');
  });

  it('a page size over 100 is a 400', async () => {
    expectProblem(await api('GET', `/api/Ticket?accountId=${accountId}&limit=101`, { key }), 400);
  });

  it('a ticket id that is not a positive integer is a 400', async () => {
    expectProblem(await api('GET', `/api/Ticket/abc?accountId=${accountId}`, { key }), 400);
  });

  it('a ticket that does not exist is a 404', async () => {
    expectProblem(await api('GET', `/api/Ticket/999999999?accountId=${accountId}`, { key }), 404);
    const reply = await api('POST', `/api/Ticket/999999999/message?accountId=${accountId}`, {
      key,
      body: { message: 'hello' },
    });
    expectProblem(reply, 404);
  });
});

describe('API keys, roles and accounts', () => {
  afterAll(closeTestPool);

  it('every /api request needs X-API-Key: 401 without one, or with an unknown one', async () => {
    const accountId = newAccountId();
    expectProblem(await api('GET', `/api/Ticket?accountId=${accountId}`), 401);
    expectProblem(await api('GET', `/api/Ticket?accountId=${accountId}`, { key: 'pdm_nope' }), 401);
  });

  it('a customer key acts only for its own account: another accountId is 403', async () => {
    const key = await customerKey(newAccountId());
    expectProblem(await api('GET', `/api/Ticket?accountId=${newAccountId()}`, { key }), 403);
  });

  it('a missing accountId is a 400', async () => {
    const key = await customerKey(newAccountId());
    expectProblem(await api('GET', '/api/Ticket', { key }), 400);
  });

  it('a ticket of another account is 404, never its data, even to a staff key asking for the wrong account', async () => {
    const owner = newAccountId();
    const ownerKey = await customerKey(owner);
    const ticketId = await openTicket(ownerKey, owner);
    const intruder = newAccountId();
    const intruderKey = await customerKey(intruder);
    const get = await api('GET', `/api/Ticket/${ticketId}?accountId=${intruder}`, {
      key: intruderKey,
    });
    expectProblem(get, 404);
    expect(JSON.stringify(get.body)).not.toContain('Payments page');
    const reply = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${intruder}`, {
      key: intruderKey,
      body: { message: 'mine now' },
    });
    expectProblem(reply, 404);
    const staff = await staffKey();
    expectProblem(
      await api('POST', `/api/Ticket/${ticketId}/close?accountId=${intruder}`, { key: staff }),
      404,
    );
  });

  it('a staff key acts for every account', async () => {
    const accountId = newAccountId();
    const ticketId = await openTicket(await customerKey(accountId), accountId);
    const staff = await staffKey();
    const response = await api(
      'GET',
      `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=1`,
      {
        key: staff,
      },
    );
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(ticketId);
  });

  it('keys can be listed and revoked with the api-key command, and a revoked key is 401 at once', async () => {
    const accountId = newAccountId();
    const cli = (...args: string[]) =>
      execFileSync('npm', ['run', '--silent', 'api-key', '--', ...args], {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, DATABASE_URL: endpoints().DATABASE_URL },
        encoding: 'utf8',
      }).trim();
    const key = cli('create', '--account', accountId, '--role', 'customer');
    expect((await api('GET', `/api/Ticket?accountId=${accountId}`, { key })).status).toBe(200);
    const prefix = key.slice(0, 10);
    expect(cli('list')).toContain(`${prefix}\tcustomer\t${accountId}`);
    expect(cli('revoke', prefix)).toBe('revoked 1 key(s)');
    expectProblem(await api('GET', `/api/Ticket?accountId=${accountId}`, { key }), 401);
  });

  it("the api-key command refuses a customer key for account '*' with a message and a non-zero exit", () => {
    const refused = spawnSync(
      'npm',
      ['run', '--silent', 'api-key', '--', 'create', '--account', '*', '--role', 'customer'],
      {
        cwd: join(__dirname, '../..'),
        env: { ...process.env, DATABASE_URL: endpoints().DATABASE_URL },
        encoding: 'utf8',
      },
    );

    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('--account must be 1-64 letters, digits, - or _');
    expect(refused.stdout).not.toMatch(/pdm_/);
  });
});
