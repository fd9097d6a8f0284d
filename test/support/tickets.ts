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
