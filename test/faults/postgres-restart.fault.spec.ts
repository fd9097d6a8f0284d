import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';
import { infra, localServers } from '../support/infra';
import { loadUntilStopped } from '../support/load';
import { openTicket, threadIds } from '../support/tickets';

const describeLocal = localServers() ? describe : describe.skip;

describeLocal('PostgreSQL restarted under load', () => {
  afterAll(closeTestPool);

  it('answers 503 problem+json while it is down, recovers without a restart, and loses nothing acknowledged', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const ticketId = await openTicket(key, accountId);
    const load = loadUntilStopped(
      (n) =>
        fetch(`${endpoints().GATEWAY_URL}/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
          method: 'POST',
          headers: { 'x-api-key': key, 'content-type': 'application/json' },
          body: JSON.stringify({ message: `reply ${n}` }),
          signal: AbortSignal.timeout(15_000),
        }),
      { workers: 3, maxMs: 60_000, maxRequests: 5_000 },
    );
    await eventually(
      async () => load.answers.filter((a) => a.status === 201).length,
      (n) => n >= 5,
      10_000,
    );
    await infra('stop', 'postgres');
    const whileDown = await eventually(
      async () => load.answers.filter((a) => a.status === 503).length,
      (n) => n >= 3,
      10_000,
    );
    await infra('start', 'postgres');
    const restartedAt = load.elapsedMs();
    await eventually(
      async () => load.answers.filter((a) => a.status === 201 && a.at > restartedAt).length,
      (n) => n >= 5,
      30_000,
    );
    const answers = await load.stop();

    expect(whileDown).toBeGreaterThanOrEqual(3);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.every((a) => a.status === 503)).toBe(true);
    expect(refused.every((a) => a.contentType.startsWith('application/problem+json'))).toBe(true);
    expect(answers.filter((a) => a.status === 201 && a.at > restartedAt).length).toBeGreaterThan(0);

    const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.body.id as number);
    const stored = (
      await testPool().query<{ id: string }>(
        `SELECT data->>'messageId' AS id FROM events WHERE stream_id = $1 AND event_type = 'MessageAdded'`,
        [`ticket-${ticketId}`],
      )
    ).rows.map((r) => Number(r.id));
    expect(stored).toEqual(expect.arrayContaining(acknowledged));
    const projected = await eventually(
      () =>
        api(
          'GET',
          `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=${stored.length + 1}`,
          {
            key,
          },
        ),
      (response) => response.status === 200,
      30_000,
    );
    expect(projected.status).toBe(200);
    expect(await threadIds(projected.body, ticketId, accountId, key)).toEqual(
      expect.arrayContaining(acknowledged),
    );
  }, 120_000);
});
