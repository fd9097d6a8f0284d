import { endpoints } from '../support/endpoints';
import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import { api, eventually } from '../support/http';
import { openTicket } from '../support/tickets';
import { startService, stopProcess } from '../setup/services';
import { httpOk, waitFor } from '../setup/wait-for';

const REPLIES = 40;

/** A ticket-api of its own, next to the shared one, so that this test may stop it. */
async function ownTicketApi(offset: number) {
  const port = String(Number(endpoints().TICKET_API_PORT) + offset);
  const child = startService('ticket-api', endpoints(), { PORT: port });
  await waitFor('own ticket-api', httpOk(`http://127.0.0.1:${port}/health`), 60_000);
  return { child, url: `http://127.0.0.1:${port}` };
}

function fireReplies(url: string, key: string, accountId: string, ticketId: number) {
  return Array.from({ length: REPLIES }, (_, i) =>
    fetch(`${url}/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ message: `reply ${i}` }),
      signal: AbortSignal.timeout(20_000),
    }).then(
      async (response) => ({
        status: response.status,
        body: (await response.json()) as { id?: number },
      }),
      () => ({ status: 0, body: {} }),
    ),
  );
}

const messageIdsInStore = async (ticketId: number): Promise<number[]> =>
  (
    await testPool().query<{ id: string }>(
      `SELECT data->>'messageId' AS id FROM events WHERE stream_id = $1 AND event_type = 'MessageAdded'`,
      [`ticket-${ticketId}`],
    )
  ).rows.map((r) => Number(r.id));

describe('a ticket-api process that stops or dies loses nothing', () => {
  let accountId: string;
  let key: string;

  beforeEach(async () => {
    accountId = newAccountId();
    key = await customerKey(accountId);
  });
  afterAll(closeTestPool);

  it('SIGTERM drains: every request either succeeds and is stored, or is refused without a 5xx', async () => {
    const { child, url } = await ownTicketApi(50);
    const ticketId = await openTicket(key, accountId);
    const replies = fireReplies(url, key, accountId, ticketId);
    await eventually(
      () => messageIdsInStore(ticketId),
      (ids) => ids.length >= 5,
      10_000,
    );
    const stopped = stopProcess(child, 'SIGTERM');
    const answers = await Promise.all(replies);
    await stopped;

    expect(child.exitCode === 0 || child.signalCode === 'SIGTERM').toBe(true);
    const accepted = answers
      .filter((a) => a.status === 201)
      .map((a) => (a.body as { id?: number }).id);
    expect(accepted.length).toBeGreaterThanOrEqual(5);
    expect(answers.every((a) => [0, 201, 503].includes(a.status))).toBe(true);
    expect(await messageIdsInStore(ticketId)).toEqual(expect.arrayContaining(accepted));
  });

  it('SIGKILL: every reply that got its 201 reaches the read model through the other instance', async () => {
    const { child, url } = await ownTicketApi(60);
    const ticketId = await openTicket(key, accountId);
    const replies = fireReplies(url, key, accountId, ticketId);
    await eventually(
      () => messageIdsInStore(ticketId),
      (ids) => ids.length >= 5,
      10_000,
    );
    await stopProcess(child, 'SIGKILL');
    const answers = await Promise.all(replies);

    const accepted = answers
      .filter((a) => a.status === 201)
      .map((a) => (a.body as { id: number }).id);
    const stored = await messageIdsInStore(ticketId);
    expect(stored).toEqual(expect.arrayContaining(accepted));
    const ticket = await api(
      'GET',
      `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=${stored.length + 1}`,
      { key },
    );
    expect(ticket.status).toBe(200);
    expect(ticket.body.messages.map((m: { id: number }) => m.id)).toEqual(
      expect.arrayContaining(stored),
    );
  });
});
