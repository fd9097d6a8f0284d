import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { eventually } from '../support/http';
import { infra, localServers } from '../support/infra';
import { loadUntilStopped } from '../support/load';
import { openTicket } from '../support/tickets';

const describeLocal = localServers() ? describe : describe.skip;

describeLocal('nginx reloaded under load', () => {
  afterAll(closeTestPool);

  it('fails no request: reads and replies before, during and after two reloads all succeed', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const ticketId = await openTicket(key, accountId);
    const base = `${endpoints().GATEWAY_URL}/api/Ticket/${ticketId}`;
    const load = loadUntilStopped(
      (n) =>
        n % 2 === 0
          ? fetch(`${base}?accountId=${accountId}`, {
              headers: { 'x-api-key': key },
              signal: AbortSignal.timeout(15_000),
            })
          : fetch(`${base}/message?accountId=${accountId}`, {
              method: 'POST',
              headers: { 'x-api-key': key, 'content-type': 'application/json' },
              body: JSON.stringify({ message: `reply ${n}` }),
              signal: AbortSignal.timeout(15_000),
            }),
      { workers: 4, maxMs: 60_000, maxRequests: 3_000 },
    );
    const answered = (n: number) =>
      eventually(
        async () => load.answers.length,
        (count) => count >= n,
        15_000,
      );
    await answered(20);
    await infra('start', 'nginx');
    await answered(load.answers.length + 20);
    await infra('start', 'nginx');
    await answered(load.answers.length + 20);
    const answers = await load.stop();

    expect(answers.length).toBeGreaterThanOrEqual(60);
    const failed = answers.filter((a) => a.status !== 200 && a.status !== 201);
    expect(failed).toEqual([]);
  }, 120_000);
});
