import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { api } from '../support/http';
import { openTicket } from '../support/tickets';

describe('API JSON answers are neither sniffed nor stored', () => {
  afterAll(closeTestPool);

  it('a ticket, a list, a history page and a problem carry nosniff and no-store', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const ticketId = await openTicket(key, accountId);
    const answers = await Promise.all([
      api('GET', `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=1`, { key }),
      api('GET', `/api/Ticket?accountId=${accountId}`, { key }),
      api('GET', `/api/Ticket/${ticketId}/history?accountId=${accountId}`, { key }),
      api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, { key, body: {} }),
      api('GET', `/api/Ticket/${ticketId}?accountId=${accountId}`),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 400, 401]);
    for (const answer of answers) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });
});
