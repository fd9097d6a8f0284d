import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import type { RebuildReport } from '../../apps/projector/src/rebuild/read-model-rebuild';
import { openingEventStore, readModelDetail, threadLength } from '../support/read-model';
import { foldTicketDetail, THREAD_PAGE_SIZE } from '@app/read-model';
import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';
import { openTicket } from '../support/tickets';

const ROOT = join(__dirname, '../..');
const run = promisify(execFile);

/** `npm run projector -- rebuild`, exactly as ops would type it, against the test database. */
const rebuild = (...args: string[]) =>
  run('npm', ['run', '--silent', 'projector', '--', 'rebuild', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: endpoints().DATABASE_URL },
    timeout: 120_000,
  });

const schemas = async (): Promise<string[]> =>
  (
    await testPool().query<{ nspname: string }>(
      `SELECT nspname FROM pg_namespace WHERE nspname LIKE 'read_model%' ORDER BY nspname`,
    )
  ).rows.map((r) => r.nspname);

describe('npm run projector -- rebuild', () => {
  let accountId: string;
  let customer: string;
  const tickets: number[] = [];

  beforeAll(async () => {
    accountId = newAccountId();
    customer = await customerKey(accountId);
    for (let i = 0; i < 4; i++) tickets.push(await openTicket(customer, accountId));
    // the traffic below counts every non-200 read, so start it only once the tickets are projected
    // (a group rebalance after another test's SIGKILLed projector can hold projection for a while)
    for (const ticketId of tickets) {
      const seen = await eventually(
        () => api('GET', `/api/Ticket/${ticketId}?accountId=${accountId}`, { key: customer }),
        (response) => response.status === 200,
        45_000,
      );
      expect(seen.status).toBe(200);
    }
  }, 200_000);
  afterAll(closeTestPool);

  const reply = (ticketId: number, message: string) =>
    api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key: customer,
      body: { message },
    });

  it('rebuilds, verifies and swaps while reads and writes go on: no failed read, no lost event', async () => {
    const failures: string[] = [];
    let reads = 0;
    let readsDuringRebuild = 0;
    let rebuilding = false;
    let stopped = false;
    const written = new Map<number, { version: number; messages: string[] }>();

    const reader = async (n: number) => {
      for (let i = 0; !stopped; i++) {
        const ticketId = tickets[(n + i) % tickets.length];
        const response =
          i % 3 === 2
            ? await api('GET', `/api/Ticket?accountId=${accountId}`, { key: customer })
            : await api('GET', `/api/Ticket/${ticketId}?accountId=${accountId}`, {
                key: customer,
              });
        reads++;
        if (rebuilding) readsDuringRebuild++;
        if (response.status !== 200)
          failures.push(`${response.status} ${JSON.stringify(response.body)}`);
      }
    };
    const writer = async (ticketId: number) => {
      const mine = { version: 0, messages: [] as string[] };
      written.set(ticketId, mine);
      for (let i = 0; !stopped; i++) {
        const message = `During the rebuild ${i}`;
        const response = await reply(ticketId, message);
        if (response.status !== 201) throw new Error(`reply failed: ${response.status}`);
        mine.version = Number(response.headers.get('etag')?.replace(/"/g, ''));
        mine.messages.push(message);
      }
    };

    const traffic = Promise.all([...[0, 1, 2, 3].map(reader), ...tickets.map(writer)]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    rebuilding = true;
    const started = Date.now();
    const { stdout, stderr } = await rebuild('--json');
    const took = Date.now() - started;
    rebuilding = false;
    await new Promise((resolve) => setTimeout(resolve, 300));
    stopped = true;
    await traffic;

    const report = JSON.parse(stdout.trim().split('\n').pop()!) as RebuildReport;
    console.log(
      `[rebuild] ${report.events} events, ${report.tickets} tickets in ${report.totalSeconds} s ` +
        `(bulk ${report.eventsPerSecond} events/s); ${report.caughtUp} + ${report.caughtUpDuringSwap} caught up; ` +
        `projector held back ${report.swapMilliseconds} ms; ${readsDuringRebuild} of ${reads} reads during the ${took} ms run`,
    );
    expect(stderr).toContain('verified');
    expect(failures).toEqual([]);
    expect(readsDuringRebuild).toBeGreaterThan(10);
    expect(report).toMatchObject({ schema: 'read_model', oldSchema: null });
    expect(report.tickets).toBeGreaterThanOrEqual(tickets.length);
    expect(report.verified.tickets).toBeGreaterThanOrEqual(tickets.length);
    expect(report.eventsPerSecond).toBeGreaterThan(0);
    expect(report.swapMilliseconds).toBeLessThan(2_000);
    expect(await schemas()).toEqual(['read_model']);

    // every reply that got its 201, before, during or after the swap, is in the rebuilt read model
    for (const [ticketId, { version, messages }] of written) {
      const response = await api(
        'GET',
        `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=${version}`,
        { key: customer },
      );
      expect(response.status).toBe(200);
      // the detail carries the latest page of the thread and counts the rest
      expect(response.body.messages.map((m: any) => m.message)).toEqual(
        messages.slice(-THREAD_PAGE_SIZE),
      );
      expect(response.body.olderMessages?.count ?? 0).toBe(
        Math.max(0, messages.length - THREAD_PAGE_SIZE),
      );
    }
    const store = openingEventStore(testPool());
    for (const ticketId of tickets) {
      const events = await store.readStream(`ticket-${ticketId}`);
      const projected = await readModelDetail(testPool(), 'read_model', ticketId);
      const { messageCount, ...detail } = projected!;
      expect(isDeepStrictEqual(detail, foldTicketDetail(events, 'staff'))).toBe(true);
      expect(messageCount).toBe(threadLength(detail));
    }
  });

  it('refuses to start while another rebuild of the same read model runs', async () => {
    const holder = await testPool().connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(7340011, hashtext('read_model'))`);

      const failed = await rebuild().catch((error: { code: number; stderr: string }) => error);

      expect(failed).toMatchObject({ code: 1 });
      expect((failed as { stderr: string }).stderr).toContain(
        'another rebuild of read_model is running',
      );
      expect(await schemas()).toEqual(['read_model']);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(7340011, hashtext('read_model'))`);
      holder.release();
    }
  });

  // the test database has the form of the npm start stack's; only its port differs, which PG_PORT says
  const database = new URL(endpoints().DATABASE_URL);
  const likeTheLocalStack =
    database.hostname === '127.0.0.1' &&
    database.username === 'tickets' &&
    database.pathname === '/tickets';

  (likeTheLocalStack ? it : it.skip)(
    'needs no DATABASE_URL: like npm run api-key, it talks to the stack npm start runs',
    async () => {
      const { DATABASE_URL: _omitted, ...environment } = process.env;
      const holder = await testPool().connect();
      try {
        // held, so that reaching the right database shows as this refusal and rebuilds nothing
        await holder.query(`SELECT pg_advisory_lock(7340011, hashtext('read_model'))`);

        const failed = await run('npm', ['run', '--silent', 'projector', '--', 'rebuild'], {
          cwd: ROOT,
          env: { ...environment, PG_PORT: database.port },
          timeout: 60_000,
        }).catch((error: { code: number; stderr: string }) => error);

        expect((failed as { stderr: string }).stderr).not.toContain('Invalid environment');
        expect((failed as { stderr: string }).stderr).toContain(
          'another rebuild of read_model is running',
        );
      } finally {
        await holder.query(`SELECT pg_advisory_unlock(7340011, hashtext('read_model'))`);
        holder.release();
      }
    },
  );

  it('prints its usage for anything but rebuild', async () => {
    const failed = await run(
      'node',
      [join(ROOT, 'dist/apps/projector/src/projector.cli.js'), 'frobnicate'],
      {
        env: { ...process.env, DATABASE_URL: endpoints().DATABASE_URL },
      },
    ).catch((error: { code: number; stderr: string }) => error);

    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain('usage:');
  });
});
