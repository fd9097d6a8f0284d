import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../support/projector-process';
import { ROOT } from '../setup/endpoints';
import { startService, stopProcess } from '../setup/services';
import { httpOk, waitFor } from '../setup/wait-for';
import { serverVersions } from '../setup/versions';
import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';
import { openTicket } from '../support/tickets';

const run = promisify(execFile);
const RESTORED = 'tickets_restore_test';
const TICKETS = 12;
const REPLIES = 3;
const DUMP = join(ROOT, '.local/run/backup-restore/tickets.dump');

/** pg_dump and pg_restore of the PostgreSQL version the servers run (versions.env), else from PATH. */
const pgTool = (name: string): string => {
  const pinned = `/usr/lib/postgresql/${serverVersions().POSTGRES_VERSION}/bin/${name}`;
  return existsSync(pinned) ? pinned : name;
};

const databaseUrl = (name: string): string => {
  const url = new URL(endpoints().DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

describe('backup and restore', () => {
  let restoredApi: ChildProcess | undefined;

  afterAll(async () => {
    if (restoredApi) await stopProcess(restoredApi);
    await testPool().query(`DROP DATABASE IF EXISTS ${RESTORED} WITH (FORCE)`);
    await closeTestPool();
  });

  it('a pg_dump of a busy database, restored into a fresh one and rebuilt, gives the same GET answers', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const ids: number[] = [];
    const finalVersion = new Map<number, number>();
    for (let t = 0; t < TICKETS; t++) {
      const id = await openTicket(key, accountId);
      ids.push(id);
      finalVersion.set(id, 1 + REPLIES + (t % 3 === 0 ? 1 : 0));
      for (let r = 0; r < REPLIES; r++) {
        const path = `/api/Ticket/${id}/message?accountId=${accountId}`;
        expect((await api('POST', path, { key, body: { message: `reply ${r}` } })).status).toBe(
          201,
        );
      }
      if (t % 3 === 0) {
        expect(
          (await api('POST', `/api/Ticket/${id}/close?accountId=${accountId}`, { key })).status,
        ).toBe(200);
      }
    }
    const get = (base: string, id: number) =>
      fetch(`${base}/api/Ticket/${id}?accountId=${accountId}`, { headers: { 'x-api-key': key } });
    const original = new Map<number, unknown>();
    for (const id of ids) {
      // the whole ticket projected, its close included, not only its replies
      const body = await eventually(
        async () => (await (await get(endpoints().GATEWAY_URL, id)).json()) as { version?: number },
        (b) => b.version === finalVersion.get(id),
        15_000,
      );
      original.set(id, body);
    }

    // other tests keep writing meanwhile: the dump is one consistent snapshot of a busy database
    rmSync(join(DUMP, '..'), { recursive: true, force: true });
    mkdirSync(join(DUMP, '..'), { recursive: true });
    await run(pgTool('pg_dump'), ['--format=custom', `--file=${DUMP}`, endpoints().DATABASE_URL]);
    await testPool().query(`DROP DATABASE IF EXISTS ${RESTORED} WITH (FORCE)`);
    await testPool().query(`CREATE DATABASE ${RESTORED}`);
    await run(pgTool('pg_restore'), ['--no-owner', `--dbname=${databaseUrl(RESTORED)}`, DUMP]);
    const rebuilt = await run(
      process.execPath,
      [join(ROOT, 'dist/apps/projector/src/projector.cli.js'), 'rebuild', '--json'],
      { env: { ...process.env, DATABASE_URL: databaseUrl(RESTORED) } },
    );
    expect(JSON.parse(rebuilt.stdout)).toMatchObject({ schema: 'read_model' });

    // a ticket-api on the restored database; Kafka unreachable so it publishes nothing anywhere
    const port = await freePort();
    restoredApi = startService('ticket-api', endpoints(), {
      PORT: String(port),
      DATABASE_URL: databaseUrl(RESTORED),
      KAFKA_BROKERS: `127.0.0.1:${await freePort()}`,
    });
    const restored = `http://127.0.0.1:${port}`;
    await waitFor('ticket-api on the restored database', httpOk(`${restored}/readyz`), 60_000);

    for (const id of ids) {
      const answer = await get(restored, id);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual(original.get(id));
    }
    const list = async (base: string): Promise<unknown> => {
      const response = await fetch(`${base}/api/Ticket?accountId=${accountId}&limit=100`, {
        headers: { 'x-api-key': key },
      });
      return response.json();
    };
    expect(await list(restored)).toEqual(await list(endpoints().GATEWAY_URL));
  }, 240_000);
});
