import type { ChildProcess } from 'node:child_process';
import { freePort } from '../support/projector-process';
import { startService, stopProcess } from '../setup/services';
import { httpOk, waitFor } from '../setup/wait-for';
import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { endpoints } from '../support/endpoints';

const BURST = 5;
const PER_SECOND = 2;

/** Two ticket-api instances sharing one budget per key, as behind a load balancer. */
describe('rate limits per API key', () => {
  const instances: { child: ChildProcess; url: string }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const child = startService('ticket-api', endpoints(), {
        PORT: String(port),
        RATE_LIMIT_PER_SECOND: String(PER_SECOND),
        RATE_LIMIT_BURST: String(BURST),
      });
      instances.push({ child, url: `http://127.0.0.1:${port}` });
    }
    for (const { url } of instances) await waitFor(url, httpOk(`${url}/readyz`), 60_000);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(instances.map(({ child }) => stopProcess(child)));
    await closeTestPool();
  });

  const list = (url: string, key: string, accountId: string) =>
    fetch(`${url}/api/Ticket?accountId=${accountId}`, { headers: { 'x-api-key': key } });

  it('answers 429 problem+json with Retry-After and RateLimit headers once a key spends its burst across instances', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < BURST + 3; i++) {
      const response = await list(instances[i % 2].url, key, accountId);
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
      else await response.arrayBuffer();
    }
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(BURST);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(BURST + 1);
    expect(statuses).toContain(429);
    expect(limited!.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited!.headers.get('ratelimit-limit')).toBe(String(BURST));
    expect(limited!.headers.get('ratelimit-remaining')).toBe('0');
    expect(await limited!.json()).toMatchObject({ status: 429, title: 'Too many requests' });
  });

  it('keeps one key’s budget apart from another’s, and tells each how much is left', async () => {
    const accountId = newAccountId();
    const first = await list(instances[0].url, await customerKey(accountId), accountId);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-remaining')).toBe(String(BURST - 1));
  });
});
