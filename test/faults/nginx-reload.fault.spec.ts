import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';
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
    // a correct HTTP/1.1 client: a request on a kept-alive connection that the server closed before any
    // answer is sent again (RFC 9112 9.3.1), a POST with its Idempotency-Key so it cannot apply twice
    const send = (n: number) => {
      const request = (): Promise<Response> =>
        n % 2 === 0
          ? fetch(`${base}?accountId=${accountId}&minVersion=1`, {
              headers: { 'x-api-key': key },
              signal: AbortSignal.timeout(15_000),
            })
          : fetch(`${base}/message?accountId=${accountId}`, {
              method: 'POST',
              headers: {
                'x-api-key': key,
                'content-type': 'application/json',
                'idempotency-key': `reload-${n}`,
              },
              body: JSON.stringify({ message: `reply ${n}` }),
              signal: AbortSignal.timeout(15_000),
            });
      // every idle connection of the pool may have been closed at once: up to three tries
      const attempt = (left: number): Promise<Response> =>
        request().catch((error: unknown) => {
          retried.push(String((error as { cause?: unknown }).cause ?? error));
          if (left === 1) throw error;
          return attempt(left - 1);
        });
      return attempt(3);
    };
    const retried: string[] = [];
    const load = loadUntilStopped(send, { workers: 4, maxMs: 60_000, maxRequests: 3_000 });
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
    process.stdout.write(
      `[nginx reload] ${answers.length} requests, ${retried.length} sent again\n`,
    );
    const replies = answers.filter((a) => a.status === 201).length;
    const stored = await eventually(
      () => api('GET', `/api/Ticket/${ticketId}/history?accountId=${accountId}&limit=100`, { key }),
      (page) => page.status === 200,
    );
    // every reply once, however often it was sent
    expect(stored.body.items.length).toBe(Math.min(100, replies + 1));
  }, 120_000);
});
