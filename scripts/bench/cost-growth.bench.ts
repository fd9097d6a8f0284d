// `npm run bench:growth`: how a ticket's cost grows with the work stored, in one run, printed as one table with
// ratios: GET of one ticket at 0, 100, 1,000 and 10,000 messages; reply latency at a fixed rate with 10 and with
// 1,000,000 events already in the store; read-model rebuild events/s at two store sizes.
//
// Two databases of its own (created, migrated and dropped here) on the test profile's PostgreSQL: a small store
// served by a ticket-api behind the gateway, a large one by a second ticket-api; each on a Kafka topic of its
// own. Long threads and the million events are set-based INSERTs copying events the API appended; `projector
// rebuild` then fills the read model from them, as after a restore. The machine is shared, so the runs being
// compared alternate, BENCH_ROUNDS times, and the table shows the median of each one's rounds. Loopback only;
// every loop is bounded in count and time.
//
//   BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_CONNECTIONS=32 BENCH_REPLY_RATE=50 BENCH_STORED_EVENTS=1000000
//   BENCH_SLOT=7
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { ticketStreamId } from '@app/domain';
import { testProfile } from '../../test/setup/endpoints';
import { startService, stopProcess, waitForService } from '../../test/setup/services';
import { createApiKey, log, openTicket, ROOT, startStack } from './bench-stack';
import type { BenchEnv } from './bench-stack';
import { measuredFrom } from './pgbench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const REPLY_RATE = Number(process.env.BENCH_REPLY_RATE ?? 50);
const STORED_EVENTS = Number(process.env.BENCH_STORED_EVENTS ?? 1_000_000);
const SLOT = Number(process.env.BENCH_SLOT ?? 7);
const THREADS = [0, 100, 1_000, 10_000];
const EVENTS_PER_FILLER_TICKET = 10;
const FILL_CHUNK_TICKETS = 10_000;
const FILL_LIMIT_MS = 15 * 60_000;
const REPLY_TICKETS = 5;
/** The large store's ticket-api, next to the slot's services. */
const LARGE_STORE_PORT_OFFSET = 9;

interface Row {
  name: string;
  rate?: number;
  p50?: number;
  p99?: number;
  errors?: number;
  bytes?: number;
  ratio?: string;
}

const suffix = randomBytes(4).toString('hex');
const DATABASES = { small: `bench_growth_small_${suffix}`, large: `bench_growth_large_${suffix}` };
const TOPICS = { small: `bench-growth-small-${suffix}`, large: `bench-growth-large-${suffix}` };

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

async function sql<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `npm run projector -- rebuild` on the bench database: its events/s and how many events it read. */
function rebuild(env: BenchEnv): { events: number; eventsPerSecond: number } {
  const output = execFileSync(
    process.execPath,
    ['dist/apps/projector/src/projector.cli.js', 'rebuild', '--json'],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(output.trim().split('\n').pop()!) as {
    events: number;
    eventsPerSecond: number;
  };
}

/** One autocannon run; `pathOf(i)` and `bodyOf(i)` vary the i-th request. */
async function load(
  name: string,
  base: string,
  options: {
    method: 'GET' | 'POST';
    headers: Record<string, string>;
    pathOf: (i: number) => string;
    bodyOf?: (i: number) => string;
    connections?: number;
    overallRate?: number;
  },
): Promise<Row> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: options.connections ?? CONNECTIONS,
    duration: SECONDS,
    overallRate: options.overallRate,
    requests: [
      {
        method: options.method,
        headers: options.headers,
        setupRequest: (request) => {
          const n = i++;
          return { ...request, path: options.pathOf(n), body: options.bodyOf?.(n) };
        },
      },
    ],
  });
  return measuredFrom(name, result);
}

/** Copies the API's own TicketOpened and MessageAdded (versions 1 and 2 of `template`) into new tickets. */
class EventCopier {
  constructor(
    private readonly client: Client,
    private readonly template: number,
  ) {}

  private async reserve(sequence: string, count: number): Promise<number> {
    const { rows } = await this.client.query<{ first: string }>(
      `SELECT nextval($1::regclass) AS first, setval($1::regclass, nextval($1::regclass) + $2)`,
      [sequence, count],
    );
    return Number(rows[0].first);
  }

  /** One ticket with `messages` messages, in one statement per kind of event. */
  async ticketWithThread(messages: number): Promise<number> {
    const [ticketId] = await this.tickets(1, messages);
    return ticketId;
  }

  /** `count` tickets of `messages` messages each; returns their ids. */
  async tickets(count: number, messages: number): Promise<number[]> {
    const firstTicket = await this.reserve('ticket_id_seq', count);
    const firstMessage = await this.reserve('message_id_seq', count * messages);
    const prefix = ticketStreamId(0).slice(0, -1);
    await this.client.query(
      `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       SELECT $2 || ($3 + t), 1, o.event_type, o.schema_version,
              o.data || jsonb_build_object('ticketId', $3 + t, 'subject', 'Growth ' || ($3 + t)),
              o.metadata, o.occurred_at
       FROM events o, generate_series(0, $4 - 1) t
       WHERE o.stream_id = $1 AND o.stream_version = 1`,
      [ticketStreamId(this.template), prefix, firstTicket, count],
    );
    if (messages > 0) {
      await this.client.query(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         SELECT $2 || ($3 + t), 1 + g, m.event_type, m.schema_version,
                m.data || jsonb_build_object('ticketId', $3 + t, 'messageId', $5 + t * $6 + g - 1,
                  'message', 'Message ' || g || ' of the thread: the page still fails after the update.'),
                m.metadata, m.occurred_at + g * interval '1 millisecond'
         FROM events m, generate_series(0, $4 - 1) t, generate_series(1, $6) g
         WHERE m.stream_id = $1 AND m.stream_version = 2
         ORDER BY t, g`,
        [ticketStreamId(this.template), prefix, firstTicket, count, firstMessage, messages],
      );
    }
    return Array.from({ length: count }, (_, t) => firstTicket + t);
  }
}

/** Fills the store to about `target` events, FILL_CHUNK_TICKETS tickets per statement, bounded in time. */
async function fillStore(url: string, template: number, target: number): Promise<number> {
  return sql(url, async (client) => {
    const copier = new EventCopier(client, template);
    const deadline = Date.now() + FILL_LIMIT_MS;
    const count = async () =>
      Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n);
    let stored = await count();
    while (stored < target) {
      if (Date.now() > deadline) throw new Error(`filling the store took over ${FILL_LIMIT_MS} ms`);
      const tickets = Math.min(
        FILL_CHUNK_TICKETS,
        Math.ceil((target - stored) / EVENTS_PER_FILLER_TICKET),
      );
      await copier.tickets(tickets, EVENTS_PER_FILLER_TICKET - 1);
      stored += tickets * EVENTS_PER_FILLER_TICKET;
      log(`store: ${stored} events`);
    }
    await client.query('ANALYZE events');
    return count();
  });
}

const fmt = (n: number | undefined, digits = 0): string =>
  n === undefined ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits });

function printTable(rows: Row[], meta: string): void {
  const lines = [
    meta,
    '',
    '| run | req/s | p50 | p99 | errors | body | ratio (issue 9 target) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.rate)} | ${r.p50 === undefined ? '' : `${fmt(r.p50, 1)} ms`} | ` +
        `${r.p99 === undefined ? '' : `${fmt(r.p99, 1)} ms`} | ${fmt(r.errors)} | ` +
        `${r.bytes === undefined ? '' : `${fmt(r.bytes / 1024, 1)} KB`} | ${r.ratio ?? ''} |`,
    ),
  ];
  console.log(lines.join('\n'));
}

const infraScript = (script: string) =>
  execFileSync('bash', [`scripts/infra/${script}.sh`], {
    cwd: ROOT,
    env: { ...process.env, STACK: 'test' },
    stdio: 'inherit',
  });

async function main(): Promise<void> {
  const adminUrl = testProfile().DATABASE_URL;
  const infraWasUp = await sql(adminUrl, async () => true).catch(() => false);
  infraScript('start');
  try {
    await measureGrowth(adminUrl);
  } finally {
    if (!infraWasUp) infraScript('stop');
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** The median round of each run: its req/s, p50 and p99 each the median of the rounds. */
const medianRow = (rounds: Row[]): Row => ({
  name: rounds[0].name,
  rate: median(rounds.map((r) => r.rate!)),
  p50: median(rounds.map((r) => r.p50!)),
  p99: median(rounds.map((r) => r.p99!)),
  errors: rounds.reduce((sum, r) => sum + r.errors!, 0),
});

/** Each run once per round, the runs alternating, so a burst of load on the shared machine hits them alike. */
async function alternating(runs: (() => Promise<Row>)[]): Promise<Row[]> {
  const rounds: Row[][] = runs.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, run] of runs.entries()) rounds[i].push(await run());
  }
  return rounds.map(medianRow);
}

/** A ticket-api of its own, straight on its port, for the large store. */
async function startLargeStore(env: BenchEnv) {
  const port = Number(env.TICKET_API_PORT) + LARGE_STORE_PORT_OFFSET;
  const large: BenchEnv = {
    ...env,
    DATABASE_URL: withDatabase(env.DATABASE_URL, DATABASES.large),
    TICKET_API_PORT: String(port),
    GATEWAY_URL: `http://127.0.0.1:${port}`,
  };
  execFileSync(process.execPath, ['dist/libs/platform/src/db/migrate.cli.js'], {
    cwd: ROOT,
    env: { ...process.env, ...large },
    stdio: 'inherit',
  });
  const child = startService('ticket-api', large, { TICKET_EVENTS_TOPIC: TOPICS.large });
  await waitForService('ticket-api', large);
  return { env: large, stop: () => stopProcess(child) };
}

/** An account with REPLY_TICKETS tickets of one reply each (10 events), opened through the API. */
async function replyTargets(env: BenchEnv, accountId: string) {
  const key = createApiKey(env, accountId);
  const headers = { 'x-api-key': key, 'content-type': 'application/json' };
  const replyPath = (ticketId: number) => `/api/Ticket/${ticketId}/message?accountId=${accountId}`;
  const tickets: number[] = [];
  for (let t = 0; t < REPLY_TICKETS; t++) {
    const ticketId = await openTicket(env, key, accountId, `Reply target ${t}`);
    const sent = await fetch(`${env.GATEWAY_URL}${replyPath(ticketId)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ message: 'The payments page shows an error since this morning.' }),
    });
    if (sent.status !== 201) throw new Error(`reply: ${sent.status} ${await sent.text()}`);
    tickets.push(ticketId);
  }
  const replies = (name: string, base: string) => () =>
    load(name, base, {
      method: 'POST',
      headers,
      connections: 8,
      overallRate: REPLY_RATE,
      pathOf: (i) => replyPath(tickets[i % REPLY_TICKETS]),
      bodyOf: (i) => JSON.stringify({ message: `growth reply ${i}` }),
    });
  return { key, template: tickets[0], replies };
}

const storedEvents = (url: string): Promise<number> =>
  sql(url, async (c) =>
    Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n),
  );

async function measureGrowth(adminUrl: string): Promise<void> {
  const dropDatabases = () =>
    sql(adminUrl, async (c) => {
      for (const db of Object.values(DATABASES))
        await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    });
  for (const db of Object.values(DATABASES))
    await sql(adminUrl, (c) => c.query(`CREATE DATABASE ${db}`));
  process.env.DATABASE_URL = withDatabase(adminUrl, DATABASES.small);
  const stack = await startStack(SLOT, {
    'ticket-api': { TICKET_EVENTS_TOPIC: TOPICS.small },
  }).catch(async (error: unknown) => {
    await dropDatabases();
    throw error;
  });
  const { env } = stack;
  try {
    const largeStore = await startLargeStore(env);
    stack.cleanups.push(largeStore.stop);
    const accountId = `growth-${suffix}`;
    const small = await replyTargets(env, accountId);
    const large = await replyTargets(largeStore.env, accountId);

    log(`filling the large store to ${STORED_EVENTS} events`);
    const fillStart = Date.now();
    const stored = await fillStore(largeStore.env.DATABASE_URL, large.template, STORED_EVENTS);
    log(`large store filled in ${((Date.now() - fillStart) / 1000).toFixed(0)} s`);

    const smallStored = await storedEvents(env.DATABASE_URL);
    const direct = `http://127.0.0.1:${env.TICKET_API_PORT}`;
    log(`replies at ${REPLY_RATE}/s, ${smallStored} vs ${stored} events stored, ${ROUNDS} rounds`);
    const [smallReplies, largeReplies] = await alternating([
      small.replies(`reply at ${REPLY_RATE}/s, ${fmt(smallStored)} events stored`, direct),
      large.replies(
        `reply at ${REPLY_RATE}/s, ${fmt(stored)} events stored`,
        largeStore.env.GATEWAY_URL,
      ),
    ]);

    log('threads of 0, 100, 1,000 and 10,000 messages, then a rebuild of the small store');
    const threads = await sql(env.DATABASE_URL, async (c) => {
      const copier = new EventCopier(c, small.template);
      const ids: number[] = [];
      for (const length of THREADS) ids.push(await copier.ticketWithThread(length));
      return ids;
    });
    const smallRebuild = rebuild(env);

    const paths = threads.map((id) => `/api/Ticket/${id}?accountId=${accountId}`);
    const bytes: number[] = [];
    for (const path of paths) {
      const body = await fetch(`${env.GATEWAY_URL}${path}`, {
        headers: { 'x-api-key': small.key },
      });
      bytes.push((await body.arrayBuffer()).byteLength);
    }
    log(`GETs of ${THREADS.join(', ')} messages (${bytes.join(', ')} bytes), ${ROUNDS} rounds`);
    const gets = await alternating(
      paths.map(
        (path, n) => () =>
          load(`GET ticket, ${fmt(THREADS[n])} messages`, env.GATEWAY_URL, {
            method: 'GET',
            headers: { 'x-api-key': small.key },
            pathOf: () => path,
          }),
      ),
    );
    for (const [n, row] of gets.entries()) {
      row.bytes = bytes[n];
      row.ratio = `${(row.rate! / gets[0].rate!).toFixed(2)} × empty`;
    }
    gets[gets.length - 1].ratio += ' (≥ 0.5)';

    log('rebuild of the large store');
    const largeRebuild = rebuild(largeStore.env);

    printTable(
      [
        ...gets,
        { ...smallReplies, ratio: '1.00' },
        {
          ...largeReplies,
          ratio:
            `p50 ${(largeReplies.p50! / smallReplies.p50!).toFixed(2)} ×, ` +
            `p99 ${(largeReplies.p99! / smallReplies.p99!).toFixed(2)} × (≤ 1.2)`,
        },
        {
          name: `rebuild, ${fmt(smallRebuild.events)} events`,
          rate: smallRebuild.eventsPerSecond,
          ratio: 'events/s',
        },
        {
          name: `rebuild, ${fmt(largeRebuild.events)} events`,
          rate: largeRebuild.eventsPerSecond,
          ratio: `events/s, ${(largeRebuild.eventsPerSecond / smallRebuild.eventsPerSecond).toFixed(2)} × the small store`,
        },
      ],
      `Cost as the work grows, ${cpus().length} cores, loopback, median of ${ROUNDS} alternating rounds of ` +
        `${SECONDS} s: GETs through the gateway, ${CONNECTIONS} connections; replies straight to each ` +
        `store's ticket-api at a fixed ${REPLY_RATE}/s over ${REPLY_TICKETS} tickets, 8 connections; ` +
        `rebuild = npm run projector -- rebuild.`,
    );
  } finally {
    await stack.cleanup();
    await dropDatabases();
    await deleteTopics(env).catch((e: Error) => log(`topics left behind: ${e.message}`));
  }
}

async function deleteTopics(env: BenchEnv): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({
    brokers: env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const topics: string[] = Object.values(TOPICS);
    const existing = (await admin.listTopics()).filter((t) => topics.includes(t));
    if (existing.length > 0) await admin.deleteTopics({ topics: existing });
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
