// `npm run bench:growth`: how a ticket's cost grows with the work stored, in one run, printed as one table with
// ratios: GET of one ticket at 0, 100, 1,000 and 10,000 messages; reply latency at a fixed rate with 10 and with
// 1,000,000 events already in the store; read-model rebuild events/s at two store sizes.
//
// Runs in a database of its own (created, migrated and dropped here) on the test profile's PostgreSQL, with its
// own ticket-api (on a Kafka topic of its own) and nginx from dist/. Long threads and the million events are
// written with set-based INSERTs copied from events the API appended; `projector rebuild` then fills the read
// model from them, as it would after any restore. Loopback only; every loop is bounded in count and time.
//
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_REPLY_RATE=50 BENCH_STORED_EVENTS=1000000 BENCH_SLOT=7
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { ticketStreamId } from '@app/domain';
import { testProfile } from '../../test/setup/endpoints';
import { createApiKey, log, openTicket, ROOT, startStack } from './bench-stack';
import type { BenchEnv } from './bench-stack';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const REPLY_RATE = Number(process.env.BENCH_REPLY_RATE ?? 50);
const STORED_EVENTS = Number(process.env.BENCH_STORED_EVENTS ?? 1_000_000);
const SLOT = Number(process.env.BENCH_SLOT ?? 7);
const THREADS = [0, 100, 1_000, 10_000];
const EVENTS_PER_FILLER_TICKET = 10;
const FILL_CHUNK_TICKETS = 10_000;
const FILL_LIMIT_MS = 15 * 60_000;
const REPLY_TICKETS = 5;

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
const DATABASE = `bench_growth_${suffix}`;
const TOPIC = `bench-growth-${suffix}`;

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
  env: BenchEnv,
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
    url: env.GATEWAY_URL,
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
  return {
    name,
    rate: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
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

async function measureGrowth(adminUrl: string): Promise<void> {
  await sql(adminUrl, (c) => c.query(`CREATE DATABASE ${DATABASE}`));
  process.env.DATABASE_URL = withDatabase(adminUrl, DATABASE);
  const { env, cleanup } = await startStack(SLOT, {
    'ticket-api': { TICKET_EVENTS_TOPIC: TOPIC },
  }).catch(async (error: unknown) => {
    await sql(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`));
    throw error;
  });
  const rows: Row[] = [];
  try {
    const accountId = `growth-${suffix}`;
    const key = createApiKey(env, accountId);
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };
    const replyPath = (ticketId: number) =>
      `/api/Ticket/${ticketId}/message?accountId=${accountId}`;

    // 10 events: 5 tickets with one reply each, all through the API (the first is the copies' template)
    const replyTickets: number[] = [];
    for (let t = 0; t < REPLY_TICKETS; t++) {
      const ticketId = await openTicket(env, key, accountId, `Reply target ${t}`);
      const sent = await fetch(`${env.GATEWAY_URL}${replyPath(ticketId)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ message: 'The payments page shows an error since this morning.' }),
      });
      if (sent.status !== 201) throw new Error(`reply: ${sent.status} ${await sent.text()}`);
      replyTickets.push(ticketId);
    }
    const template = replyTickets[0];
    const replyRun = (name: string) =>
      load(name, env, {
        method: 'POST',
        headers,
        connections: 8,
        overallRate: REPLY_RATE,
        pathOf: (i) => replyPath(replyTickets[i % REPLY_TICKETS]),
        bodyOf: (i) => JSON.stringify({ message: `growth reply ${i}` }),
      });
    const storedBefore = await sql(env.DATABASE_URL, async (c) =>
      Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n),
    );
    log(`reply latency at ${REPLY_RATE}/s with ${storedBefore} events stored`);
    const smallReplies = await replyRun(`reply at ${REPLY_RATE}/s, ${storedBefore} events stored`);

    log('threads of 0, 100, 1,000 and 10,000 messages, then a rebuild of the read model');
    const threads = await sql(env.DATABASE_URL, async (c) => {
      const copier = new EventCopier(c, template);
      const ids: number[] = [];
      for (const length of THREADS) ids.push(await copier.ticketWithThread(length));
      return ids;
    });
    const smallRebuild = rebuild(env);

    const gets: Row[] = [];
    for (const [n, ticketId] of threads.entries()) {
      const path = `/api/Ticket/${ticketId}?accountId=${accountId}`;
      const body = await fetch(`${env.GATEWAY_URL}${path}`, { headers });
      const bytes = (await body.arrayBuffer()).byteLength;
      log(`GET of a ticket with ${THREADS[n]} messages (${bytes} bytes)`);
      const row = await load(`GET ticket, ${fmt(THREADS[n])} messages`, env, {
        method: 'GET',
        headers: { 'x-api-key': key },
        pathOf: () => path,
      });
      gets.push({ ...row, bytes });
    }
    const empty = gets[0].rate!;
    for (const row of gets) row.ratio = `${(row.rate! / empty).toFixed(2)} × empty`;
    gets[gets.length - 1].ratio += ' (≥ 0.5)';
    rows.push(...gets);

    log(`filling the store to ${STORED_EVENTS} events`);
    const fillStart = Date.now();
    const stored = await fillStore(env.DATABASE_URL, template, STORED_EVENTS);
    log(`store filled in ${((Date.now() - fillStart) / 1000).toFixed(0)} s`);
    const largeReplies = await replyRun(`reply at ${REPLY_RATE}/s, ${fmt(stored)} events stored`);
    const largeRebuild = rebuild(env);

    rows.push(
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
        ratio: `${(largeRebuild.eventsPerSecond / smallRebuild.eventsPerSecond).toFixed(2)} × the small store`,
      },
    );
    printTable(
      rows,
      `Cost as the work grows, ${cpus().length} cores, loopback through the gateway: GETs ${CONNECTIONS} ` +
        `connections for ${SECONDS} s each; replies at a fixed ${REPLY_RATE}/s over ${REPLY_TICKETS} tickets ` +
        `for ${SECONDS} s each; rebuild = npm run projector -- rebuild.`,
    );
  } finally {
    await cleanup();
    await sql(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`));
    await deleteTopic(env).catch((e: Error) => log(`topic ${TOPIC} left behind: ${e.message}`));
  }
}

async function deleteTopic(env: BenchEnv): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({
    brokers: env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(TOPIC)) await admin.deleteTopics({ topics: [TOPIC] });
  } finally {
    await admin.disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
