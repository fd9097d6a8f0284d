import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { closeTestPool, newAccountId } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';
import { openTicket } from '../support/tickets';

const ROOT = join(__dirname, '../..');

function createKeyWithCli(accountId: string): string {
  return execFileSync(
    'npm',
    ['run', '--silent', 'api-key', '--', 'create', '--account', accountId, '--role', 'customer'],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: endpoints().DATABASE_URL },
      encoding: 'utf8',
    },
  ).trim();
}

describe('one reply end to end, through the gateway', () => {
  afterAll(closeTestPool);

  it('the api-key command prints a new pdm_ key and nothing else', () => {
    const key = createKeyWithCli(newAccountId());
    expect(key).toMatch(/^pdm_[A-Za-z0-9_-]{43}$/);
  });

  it('"The server returns ... 201 on success", and the reply then shows in GET /api/Ticket/{id}', async () => {
    const accountId = newAccountId();
    const key = createKeyWithCli(accountId);
    const ticketId = await openTicket(key, accountId);

    const reply = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key,
      body: { message: 'Still failing after 30 minutes.' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      ticketId,
      message: 'Still failing after 30 minutes.',
      authorType: 'customer',
      authorLabel: 'You',
    });

    // how fast it shows is `npm run bench`'s projection lag; a loaded CI only proves that it does
    const detail = await eventually(
      () => api('GET', `/api/Ticket/${ticketId}?accountId=${accountId}`, { key }),
      (r) => r.status === 200 && r.body.messages.length === 1,
      15_000,
    );
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: ticketId,
      status: 'Open',
      topic: 'Billing',
      propertyId: null,
      description: 'The payments page shows an error since this morning.',
      attachments: [],
      messages: [
        { id: reply.body.id, message: 'Still failing after 30 minutes.', authorLabel: 'You' },
      ],
    });
    expect(typeof detail.body.createdAt).toBe('string');
  });

  it('"The server returns 400 if the message is empty"', async () => {
    const accountId = newAccountId();
    const key = createKeyWithCli(accountId);
    const ticketId = await openTicket(key, accountId);
    const response = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key,
      body: { message: '' },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.detail).toBe('Message is required.');
  });

  it('answers 401 without an X-API-Key', async () => {
    const response = await api('GET', `/api/Ticket/1?accountId=${newAccountId()}`);
    expect(response.status).toBe(401);
    expect(response.body.status).toBe(401);
  });
});
