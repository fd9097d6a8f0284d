import { api } from './http';

export const aTicketRequest = (overrides: Record<string, unknown> = {}) => ({
  subject: 'Payments page fails',
  description: 'The payments page shows an error since this morning.',
  topic: 'Billing',
  ...overrides,
});

/** Opens a ticket through the API and returns its id. */
export async function openTicket(key: string, accountId: string, overrides = {}): Promise<number> {
  const response = await api('POST', `/api/Ticket?accountId=${accountId}`, {
    key,
    body: aTicketRequest(overrides),
  });
  if (response.status !== 201)
    throw new Error(`open failed: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { id: number }).id;
}

/** The ids of a whole thread as the API pages it: the detail's latest messages, then every older page. */
export async function threadIds(
  detail: { messages: { id: number }[]; olderMessages: { cursor: string } | null },
  ticketId: number,
  accountId: string,
  key: string,
): Promise<number[]> {
  const ids = detail.messages.map((m) => m.id);
  let older = detail.olderMessages;
  for (let pages = 0; older && pages < 100; pages++) {
    const page = await api(
      'GET',
      `/api/Ticket/${ticketId}/messages?accountId=${accountId}&before=${older.cursor}`,
      { key },
    );
    ids.unshift(...(page.body.items as { id: number }[]).map((m) => m.id));
    older = page.body.olderMessages;
  }
  return ids;
}
