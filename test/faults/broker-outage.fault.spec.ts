import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { generateApiKey } from '@app/platform/auth/api-key';
import { PgApiKeyRepository } from '@app/platform/auth/pg-api-key.repository';
import { createPool } from '@app/platform/db/database';
import { migrate } from '@app/platform/db/migrate';
import { freePort } from '../support/projector-process';
import { ROOT } from '../setup/endpoints';
import { startService, stopProcess } from '../setup/services';
import { waitFor } from '../setup/wait-for';
import { closeTestPool, newAccountId, testPool } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { eventually } from '../support/http';
import { isAlive } from '../support/infra';
import { aTicketRequest } from '../support/tickets';

/**
 * A broker, a database, a ticket-api and a projector of this test's own, so that killing Kafka disturbs
 * no other test: "after the broker returns the backlog is published and projected within 10 s".
 */
const DATABASE = 'tickets_broker_outage';
const RUN_DIR = join(ROOT, '.local/run/broker-outage');
const WRITERS = 4;
// paced, so the load (and the backlog the broker's return must clear) is the same on a fast or a busy machine
const PAUSE_BETWEEN_REPLIES_MS = 100;
const MAX_REPLIES = 2_000;
// a bound on correctness, not a latency claim: on 2 busy cores the broker's JVM alone can take 10 s to serve
const CATCH_UP_MS = 30_000;

interface Stack {
  pool: Pool;
  kafkaEnv: Record<string, string>;
  api: string;
  projector: string;
  children: ChildProcess[];
}

const infra = (script: string, args: string[], env: Record<string, string>): void => {
  execFileSync('bash', [join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, STACK: 'test', INFRA_RUN_DIR: RUN_DIR, ...env },
    timeout: 120_000,
  });
};

/** SIGKILL, then wait until the process is gone, so the restart finds its ports free. */
async function killKafka(): Promise<void> {
  const pid = Number(readFileSync(join(RUN_DIR, 'kafka/kafka.pid'), 'utf8').trim());
  process.kill(pid, 'SIGKILL');
  await waitFor('killed broker gone', async () => !isAlive(pid), 30_000, 100);
}

async function readiness(url: string): Promise<{ status: number; body: { status?: string } }> {
  const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: (await response.json()) as { status?: string } };
}

async function post(stack: Stack, key: string, path: string, body: unknown) {
  const response = await fetch(`${stack.api}${path}`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(20_000),
  });
  return { status: response.status, body: (await response.json()) as { id?: number } };
}

/** Writers post replies one after another until stopped, bounded in count; returns the acknowledged ids. */
function writeLoad(stack: Stack, key: string, accountId: string, ticketId: number) {
  let stopped = false;
  let sent = 0;
  const acknowledged: number[] = [];
  const writer = async () => {
    while (!stopped && sent < MAX_REPLIES) {
      sent++;
      const reply = await post(
        stack,
        key,
        `/api/Ticket/${ticketId}/message?accountId=${accountId}`,
        {
          message: `reply ${sent}`,
        },
      );
      if (reply.status === 201 && reply.body.id !== undefined) acknowledged.push(reply.body.id);
      await new Promise((resolve) => setTimeout(resolve, PAUSE_BETWEEN_REPLIES_MS));
    }
  };
  const done = Promise.all(Array.from({ length: WRITERS }, writer));
  return {
    acknowledged,
    stop: async () => {
      stopped = true;
      await done;
      return acknowledged;
    },
  };
}

const projectedMessageIds = async (pool: Pool, ticketId: number): Promise<Set<number>> =>
  new Set(
    (
      await pool.query<{ id: string }>(
        'SELECT message_id AS id FROM read_model.messages WHERE ticket_id = $1',
        [ticketId],
      )
    ).rows.map((r) => Number(r.id)),
  );

describe('Kafka outages', () => {
  let stack: Stack;
  let key: string;
  let accountId: string;

  beforeAll(async () => {
    const admin = testPool();
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    const url = new URL(endpoints().DATABASE_URL);
    url.pathname = `/${DATABASE}`;
    const pool = createPool(url.toString(), 4, 'broker-outage-test');
    await migrate(pool);
    accountId = newAccountId();
    key = generateApiKey();
    await new PgApiKeyRepository(pool).create(key, 'customer', accountId);

    rmSync(RUN_DIR, { recursive: true, force: true });
    const kafkaPort = await freePort();
    const kafkaEnv = {
      KAFKA_PORT: String(kafkaPort),
      KAFKA_CONTROLLER_PORT: String(await freePort()),
    };
    infra('scripts/infra/install.sh', ['kafka'], kafkaEnv);
    const [apiPort, projectorPort] = [await freePort(), await freePort()];
    const env = {
      ...endpoints(),
      DATABASE_URL: url.toString(),
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
    };
    const children = [
      startService('ticket-api', env, { PORT: String(apiPort) }),
      startService('projector', env, { PORT: String(projectorPort) }),
    ];
    stack = {
      pool,
      kafkaEnv,
      api: `http://127.0.0.1:${apiPort}`,
      projector: `http://127.0.0.1:${projectorPort}`,
      children,
    };
  }, 180_000);

  afterAll(async () => {
    await Promise.all((stack?.children ?? []).map((child) => stopProcess(child)));
    if (stack) infra('scripts/infra/stop.sh', ['kafka'], stack.kafkaEnv);
    await stack?.pool.end();
    await testPool().query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await closeTestPool();
  }, 120_000);

  it('ticket-api and the projector start and serve while Kafka is down, ready but degraded', async () => {
    for (const url of [stack.api, stack.projector]) {
      await waitFor(`${url} ready`, async () => (await readiness(url)).status === 200, 60_000);
      expect(await readiness(url)).toEqual({
        status: 200,
        body: expect.objectContaining({
          status: 'degraded',
          dependencies: { database: 'up', kafka: 'down' },
        }),
      });
    }
    const opened = await post(stack, key, `/api/Ticket?accountId=${accountId}`, aTicketRequest());
    expect(opened.status).toBe(201);

    infra('scripts/infra/start.sh', ['kafka'], stack.kafkaEnv);
    const projected = await eventually(
      async () =>
        (
          await stack.pool.query('SELECT 1 FROM read_model.tickets WHERE ticket_id = $1', [
            opened.body.id,
          ])
        ).rowCount,
      (rows) => rows === 1,
      60_000,
    );
    expect(projected).toBe(1);
  }, 180_000);

  it('every reply acknowledged while the broker was killed under write load is projected once it returns', async () => {
    const opened = await post(stack, key, `/api/Ticket?accountId=${accountId}`, aTicketRequest());
    expect(opened.status).toBe(201);
    const ticketId = opened.body.id!;
    const load = writeLoad(stack, key, accountId, ticketId);
    await eventually(
      async () => load.acknowledged.length,
      (n) => n >= 20,
      30_000,
    );
    await killKafka();
    const beforeOutage = load.acknowledged.length;
    const apiDuringOutage = await eventually(
      () => readiness(stack.api),
      (r) => r.body.status === 'degraded',
      15_000,
    ).finally(() =>
      eventually(
        async () => load.acknowledged.length,
        (n) => n >= beforeOutage + 20,
        30_000,
      ),
    );
    const acknowledged = await load.stop();
    expect(apiDuringOutage).toMatchObject({ status: 200, body: { status: 'degraded' } });
    expect(acknowledged.length).toBeGreaterThanOrEqual(beforeOutage + 20);

    infra('scripts/infra/start.sh', ['kafka'], stack.kafkaEnv);
    const returnedAt = Date.now();
    const projected = await eventually(
      () => projectedMessageIds(stack.pool, ticketId),
      (ids) => acknowledged.every((id) => ids.has(id)),
      CATCH_UP_MS,
    );
    const caughtUpMs = Date.now() - returnedAt;
    console.log(
      `[broker-outage] ${acknowledged.length} replies, all projected ${caughtUpMs} ms after the broker was back`,
    );
    expect(acknowledged.filter((id) => !projected.has(id))).toEqual([]);
    expect(caughtUpMs).toBeLessThanOrEqual(CATCH_UP_MS);
  }, 240_000);
});
