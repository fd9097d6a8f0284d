import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { randomFile, retryWhileBusy, upload } from '../support/attachments';
import type { ApiResponse } from '../support/http';
import { api } from '../support/http';
import { openTicket } from '../support/tickets';

const REPLIES = 105;

let accountId: string;
let customer: string;
let ticketId: number;
let version: number;
let firstMessageId: number;
let attachmentId: number;

const ticketPath = (query = '') => `/api/Ticket/${ticketId}?accountId=${accountId}${query}`;
const messagesPath = (query = '') =>
  `/api/Ticket/${ticketId}/messages?accountId=${accountId}${query}`;
const texts = (response: ApiResponse): string[] =>
  (response.body.items ?? response.body.messages).map((m: { message: string }) => m.message);

function expectStatus(response: ApiResponse, status: number): ApiResponse {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response;
}

beforeAll(async () => {
  accountId = newAccountId();
  customer = await customerKey(accountId);
  ticketId = await openTicket(customer, accountId);
  for (let i = 1; i <= REPLIES; i++) {
    const reply = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key: customer,
      body: { message: `reply ${i}` },
    });
    if (i === 1) firstMessageId = expectStatus(reply, 201).body.id;
    version = expectStatus(reply, 201).body.ticketVersion;
  }
  const uploaded = await retryWhileBusy(() =>
    upload(customer, accountId, ticketId, randomFile(64), { messageId: firstMessageId }),
  );
  attachmentId = expectStatus(uploaded, 201).body.id;
  version = uploaded.body.ticketVersion;
}, 120_000);

afterAll(closeTestPool);

describe('a ticket whose thread is longer than a page', () => {
  it('GET /api/Ticket/{id} carries the latest 100 messages, oldest first, and how to fetch the 5 before', async () => {
    const detail = expectStatus(
      await api('GET', ticketPath(`&minVersion=${version}`), { key: customer }),
      200,
    );

    expect(texts(detail)).toEqual(Array.from({ length: 100 }, (_, i) => `reply ${i + 6}`));
    expect(detail.body.olderMessages).toEqual({ count: 5, cursor: expect.any(String) });
    expect(detail.body.attachments.map((a: { id: number }) => a.id)).toEqual([attachmentId]);
  });

  it('GET /api/Ticket/{id}/messages pages back to the first message, each with its attachments', async () => {
    const detail = await api('GET', ticketPath(`&minVersion=${version}`), { key: customer });
    const first = expectStatus(
      await api('GET', messagesPath(`&before=${detail.body.olderMessages.cursor}&limit=3`), {
        key: customer,
      }),
      200,
    );
    expect(first.body.ticketId).toBe(ticketId);
    expect(texts(first)).toEqual(['reply 3', 'reply 4', 'reply 5']);
    expect(first.body.olderMessages).toEqual({ count: 2, cursor: expect.any(String) });

    const last = expectStatus(
      await api('GET', messagesPath(`&before=${first.body.olderMessages.cursor}&limit=3`), {
        key: customer,
      }),
      200,
    );
    expect(texts(last)).toEqual(['reply 1', 'reply 2']);
    expect(last.body.olderMessages).toBeNull();
    expect(last.body.items[0].attachments.map((a: { id: number }) => a.id)).toEqual([attachmentId]);
  });

  it('without a cursor the messages route starts at the latest message', async () => {
    const latest = expectStatus(await api('GET', messagesPath('&limit=2'), { key: customer }), 200);
    expect(texts(latest)).toEqual(['reply 104', 'reply 105']);
    expect(latest.body.olderMessages.count).toBe(REPLIES - 2);
  });

  it('asOf answers the same page as the read model', async () => {
    const [current, asOf] = await Promise.all([
      api('GET', ticketPath(`&minVersion=${version}`), { key: customer }),
      api('GET', ticketPath(`&asOf=${new Date(Date.now() + 60_000).toISOString()}`), {
        key: customer,
      }),
    ]);
    expect(expectStatus(asOf, 200).body).toEqual(expectStatus(current, 200).body);
  });

  it('an If-None-Match naming the current version is still 304', async () => {
    const response = await api('GET', ticketPath(`&minVersion=${version}`), {
      key: customer,
      headers: { 'if-none-match': `"${version}"` },
    });
    expect(response.status).toBe(304);
  });

  it.each([['&before=t12'], ['&before=m0'], ['&before=m'], ['&limit=0'], ['&limit=101']])(
    'a bad cursor or page size (%s) is a 400 problem',
    async (query) => {
      const response = await api('GET', messagesPath(query), { key: customer });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('VALIDATION_FAILED');
    },
  );

  it("is 404 for a ticket that does not exist or is another account's, like the detail", async () => {
    const stranger = newAccountId();
    const strangerKey = await customerKey(stranger);
    const foreign = await api('GET', `/api/Ticket/${ticketId}/messages?accountId=${stranger}`, {
      key: strangerKey,
    });
    const missing = await api('GET', `/api/Ticket/999999999/messages?accountId=${accountId}`, {
      key: customer,
    });
    const detail = await api('GET', `/api/Ticket/${ticketId}?accountId=${stranger}`, {
      key: strangerKey,
    });
    expect([foreign.status, missing.status, detail.status]).toEqual([404, 404, 404]);
    expect(foreign.body.code).toBe('TICKET_NOT_FOUND');
  });
});
