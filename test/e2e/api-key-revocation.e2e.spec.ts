import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startService, stopProcess } from '../setup/services';
import { httpOk, waitFor } from '../setup/wait-for';
import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { endpoints } from '../support/endpoints';

const OWN_PORT_OFFSET = 70;

describe('API keys cached by several ticket-api instances', () => {
  let own: ChildProcess;
  let ownUrl: string;

  beforeAll(async () => {
    const port = String(Number(endpoints().TICKET_API_PORT) + OWN_PORT_OFFSET);
    own = startService('ticket-api', endpoints(), { PORT: port });
    ownUrl = `http://127.0.0.1:${port}`;
    await waitFor('second ticket-api', httpOk(`${ownUrl}/health`), 60_000);
  });
  afterAll(async () => {
    await stopProcess(own);
    await closeTestPool();
  });

  it('a key revoked with the api-key command is 401 on its next request at every instance', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const instances = [endpoints().GATEWAY_URL, ownUrl];
    const list = (base: string) =>
      fetch(`${base}/api/Ticket?accountId=${accountId}`, {
        headers: { 'x-api-key': key },
        signal: AbortSignal.timeout(10_000),
      }).then((response) => response.status);
    // twice each, so that both instances answer from their cache
    for (const base of [...instances, ...instances]) expect(await list(base)).toBe(200);

    execFileSync('npm', ['run', '--silent', 'api-key', '--', 'revoke', key.slice(0, 10)], {
      cwd: join(__dirname, '../..'),
      env: { ...process.env, DATABASE_URL: endpoints().DATABASE_URL },
    });

    for (const base of instances) expect(await list(base)).toBe(401);
  });
});
