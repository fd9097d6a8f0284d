// `npm run bench`: the API's throughput next to what PostgreSQL and a bare HTTP server do on the same machine, in
// one run, printed as one table with ratios. Every run has the same connection count and duration (autocannon
// for HTTP, pgbench for SQL); during the reply run it also measures projection lag and each service's CPU and
// peak RSS. Starts its own ticket-api, projector and nginx from dist/ (test profile; BENCH_SLOT as in bench:api)
// on the test profile's PostgreSQL and Kafka. Loopback only; every loop is bounded in count and time.
//
//   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_TICKETS=50 BENCH_SLOT=8
//   BENCH_PROFILE=<dir>: also a CPU profile of ticket-api and its SQL round trips per request, for each API run
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Profiler } from 'node:inspector';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { waitFor } from '../../test/setup/wait-for';
import { ROOT, createApiKey, log, openTicket, startStack } from './bench-stack';
import type { BenchEnv, ServiceName } from './bench-stack';
import { measuredFrom, percentile, runPgbench } from './pgbench';
import type { Measured } from './pgbench';
import { startUsage } from './process-usage';
import type { Usage } from './process-usage';
import { summarize } from './profile-summary';

interface LoadOptions {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  pathOf: (n: number) => string;
  bodyOf?: (n: number) => string;
  /** Requests per second over all connections; unset: as fast as they answer. */
  overallRate?: number;
}

interface Lag {
  p50: number;
  p99: number;
  n: number;
  /** The probe's GETs: each is one read-only transaction, left out of the commits per reply. */
  polls: number;
}

/** Runs a TypeScript file of this folder with node (tsx's require hook), as `npm run bench` itself runs. */
const TSX = ['--require', 'tsx/cjs'];

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 50);
const THREAD_LENGTH = 100;
const REPLIES_PER_HOT_TICKET = 4_000;
/** Enough hot tickets for 2,500 replies/s on one ticket. */
const HOT_TICKETS = Math.ceil((SECONDS * 2_500) / REPLIES_PER_HOT_TICKET) + 1;
const SLOT = Number(process.env.BENCH_SLOT ?? 8);
const LIMIT_MS = 120_000;
const PROFILE_DIR = process.env.BENCH_PROFILE;
let profiled: ChildProcess | undefined;
let GATEWAY = '';
let apiPid: number | undefined;

/** One autocannon run; `pathOf(i)` and `bodyOf(i)` vary the i-th request. */
async function load(name: string, base: string, options: LoadOptions): Promise<Measured> {
  if (!profiled || !PROFILE_DIR || name === 'warm-up' || !base.startsWith(GATEWAY))
    return loadOnce(name, base, options);
  const countsFile = join(PROFILE_DIR, `${name.replace(/\W+/g, '-')}.counts.json`);
  rmSync(countsFile, { force: true });
  writeFileSync(join(PROFILE_DIR, 'label'), name.replace(/\W+/g, '-'));
  profiled.kill('SIGWINCH');
  const result = await loadOnce(name, base, options);
  profiled.kill('SIGWINCH');
  await waitFor('the profile', async () => readFileSync(countsFile).length > 0);
  const counts = JSON.parse(readFileSync(countsFile, 'utf8')) as {
    queries: number;
    requests: number;
  };
  result.sqlPerRequest = counts.queries / counts.requests;
  return result;
}

async function loadOnce(
  name: string,
  base: string,
  { method = 'GET', headers, pathOf, bodyOf, overallRate }: LoadOptions,
): Promise<Measured> {
  let i = 0;
  const apiUsage = apiPid && base.startsWith(GATEWAY) ? startUsage({ api: apiPid }) : undefined;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method,
        headers,
        setupRequest: (request) => {
          const n = i++;
          return { ...request, path: pathOf(n), ...(bodyOf ? { body: bodyOf(n) } : {}) };
        },
      },
    ],
  });
  return {
    ...measuredFrom(name, result),
    apiCpuMsPerRequest: apiUsage
      ? (apiUsage()[0].cpuSeconds * 1000) / result.requests.total
      : undefined,
  };
}

/** Replies on one ticket, one at a time, each timed from its 201 until a GET shows its version (polls 5 ms). */
async function sampleLag(
  base: string,
  headers: Record<string, string>,
  path: { reply: string; get: string },
  until: number,
): Promise<Lag> {
  const lags: number[] = [];
  let polls = 0;
  while (Date.now() < until) {
    const reply = await fetch(`${base}${path.reply}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ message: `lag sample ${lags.length}` }),
    });
    if (reply.status !== 201) throw new Error(`lag sample reply: ${reply.status}`);
    const { ticketVersion } = (await reply.json()) as { ticketVersion: number };
    const t0 = performance.now();
    for (let tries = 0; tries < 2_000; tries++) {
      const ticket = await fetch(`${base}${path.get}`, { headers });
      polls++;
      if (((await ticket.json()) as { version: number }).version >= ticketVersion) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    lags.push(performance.now() - t0);
  }
  lags.sort((a, b) => a - b);
  return { p50: percentile(lags, 50), p99: percentile(lags, 99), n: lags.length, polls };
}

/** What a run cost: CPU ms per request of each process and in total, PostgreSQL commits per request. */
interface Costs {
  readonly cpuMsPerRequest: Record<string, number>;
  readonly totalCpuMsPerRequest: number;
  readonly xactPerRequest: number;
  readonly resources: Usage[];
}

/** Commits over every database; read until two reads 300 ms apart agree (backends flush stats at most 1/s). */
async function settledCommits(env: BenchEnv): Promise<number> {
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const read = async () =>
      Number(
        (await db.query<{ n: string }>('SELECT sum(xact_commit) AS n FROM pg_stat_database'))
          .rows[0].n,
      );
    let last = await read();
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const now = await read();
      if (now === last) return now;
      last = now;
    }
    return last;
  } finally {
    await db.end();
  }
}

async function withCosts<T extends { requests: number; reads?: number }>(
  env: BenchEnv,
  roots: Record<string, number>,
  run: () => Promise<T>,
): Promise<T & Costs> {
  const commitsBefore = await settledCommits(env);
  const usage = startUsage(roots);
  const result = await run();
  const resources = usage();
  const xact = (await settledCommits(env)) - commitsBefore;
  const perRequest = (cpuSeconds: number) => (cpuSeconds * 1000) / result.requests;
  return {
    ...result,
    resources,
    cpuMsPerRequest: Object.fromEntries(resources.map((u) => [u.name, perRequest(u.cpuSeconds)])),
    totalCpuMsPerRequest: perRequest(resources.reduce((sum, u) => sum + u.cpuSeconds, 0)),
    xactPerRequest: (xact - (result.reads ?? 0)) / result.requests,
  };
}

async function projectorCaughtUp(env: BenchEnv): Promise<void> {
  const health = async () =>
    (await (await fetch(`http://127.0.0.1:${env.PROJECTOR_PORT}/health`)).json()) as {
      lag?: { eventsBehind?: number };
    };
  await waitFor(
    'the projector catching up',
    async () => (await health()).lag?.eventsBehind === 0,
    LIMIT_MS,
  );
}

/** The SQL of GET /api/Ticket/{id}: the key lookup of PgApiKeyRepository and findTicket of PgTicketReadModel. */
const getTicketSql = (keyHashHex: string, ticketId: number, accountId: string) => `
SELECT id, key_prefix, role, account_id, created_at, revoked_at FROM api_keys WHERE key_hash = '\\x${keyHashHex}'::bytea AND revoked_at IS NULL;
SELECT t.*,
  COALESCE((SELECT json_agg(m ORDER BY m.message_id) FROM read_model.messages m WHERE m.ticket_id = t.ticket_id), '[]') AS messages,
  COALESCE((SELECT json_agg(a ORDER BY a.attachment_id) FROM read_model.attachments a WHERE a.ticket_id = t.ticket_id), '[]') AS attachments
FROM read_model.tickets t WHERE t.ticket_id = ${Number(ticketId)} AND t.account_id = '${accountId}';
`;

async function durableCommitRun(env: BenchEnv): Promise<Measured> {
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    await db.query(
      'CREATE TABLE IF NOT EXISTS bench_commits (id BIGSERIAL PRIMARY KEY, note TEXT)',
    );
    return runPgbench(
      env.DATABASE_URL,
      'pgbench: 1-row INSERT commits',
      "INSERT INTO bench_commits (note) VALUES ('bench');\n",
      { clients: CONNECTIONS, seconds: SECONDS },
    );
  } finally {
    await db.query('DROP TABLE IF EXISTS bench_commits');
    await db.end();
  }
}

async function bareFastifyRun(env: BenchEnv, body: string): Promise<Measured> {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-body-'));
  const port = Number(env.TICKET_API_PORT) + 7;
  writeFileSync(join(dir, 'body.json'), body);
  const child = spawn(process.execPath, [...TSX, join(__dirname, 'bare-fastify.ts')], {
    env: { ...process.env, PORT: String(port), BODY_FILE: join(dir, 'body.json') },
    stdio: 'inherit',
  });
  try {
    await waitFor('bare fastify', async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok);
    return await load('bare fastify, same JSON body', `http://127.0.0.1:${port}`, {
      pathOf: () => '/api/Ticket/1',
    });
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function seed(env: BenchEnv) {
  const accountId = `bench-${randomBytes(4).toString('hex')}`;
  const key = createApiKey(env, accountId);
  const headers = { 'x-api-key': key, 'content-type': 'application/json' };
  const tickets: number[] = [];
  for (let i = 0; i < TICKETS; i++) tickets.push(await openTicket(env, key, accountId));
  const hot: number[] = [];
  for (let i = 0; i < HOT_TICKETS; i++)
    hot.push(await openTicket(env, key, accountId, 'Hot ticket'));
  const [empty, threaded, lagTicket] = [
    await openTicket(env, key, accountId, 'Empty ticket'),
    await openTicket(env, key, accountId, 'Long thread'),
    await openTicket(env, key, accountId, 'Lag probe'),
  ];
  for (let i = 0; i < THREAD_LENGTH; i++) {
    const reply = await fetch(
      `${env.GATEWAY_URL}/api/Ticket/${threaded}/message?accountId=${accountId}`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ message: `thread message ${i}: ${'lorem ipsum '.repeat(10)}` }),
      },
    );
    if (reply.status !== 201) throw new Error(`seed reply: ${reply.status}`);
  }
  return { accountId, key, headers, tickets, hot, empty, threaded, lagTicket };
}

function serviceRoots(
  env: BenchEnv,
  children: Partial<Record<ServiceName, ChildProcess>>,
): Record<string, number> {
  const run = join(ROOT, '.local/run/test');
  const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0].trim());
  return {
    'ticket-api': children['ticket-api']?.pid ?? NaN,
    projector: children.projector?.pid ?? NaN,
    'webhook-dispatcher': children['webhook-dispatcher']?.pid ?? NaN,
    'nginx (all workers)': pidIn(join(run, `nginx-${new URL(env.GATEWAY_URL).port}/nginx.pid`)),
    'postgres (all backends)': pidIn(join(run, 'postgres/data/postmaster.pid')),
    kafka: pidIn(join(run, 'kafka/kafka.pid')),
  };
}

async function main() {
  const profileEnv: Record<string, string> = PROFILE_DIR
    ? {
        NODE_OPTIONS: `${TSX.join(' ')} --require ${join(__dirname, 'profile-hook.ts')}`,
        BENCH_PROFILE: PROFILE_DIR,
      }
    : {};
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const { env, children, cleanup } = await startStack(SLOT, {
    'ticket-api': profileEnv,
    projector: {},
    'webhook-dispatcher': {},
  });
  if (PROFILE_DIR) profiled = children['ticket-api'];
  apiPid = children['ticket-api']?.pid;
  try {
    const base = env.GATEWAY_URL;
    GATEWAY = base;
    const s = await seed(env);
    const q = `accountId=${s.accountId}`;
    const replyBody = (n: number) => JSON.stringify({ message: `benchmark reply ${n}` });
    const getHeaders = { 'x-api-key': s.key };
    await projectorCaughtUp(env);
    const emptyBody = await (
      await fetch(`${base}/api/Ticket/${s.empty}?${q}`, { headers: getHeaders })
    ).text();
    const keyHash = createHash('sha256').update(s.key).digest('hex');
    const rows: Measured[] = [];

    log('pgbench: durable single-row commits');
    rows.push(await durableCommitRun(env));
    log('pgbench: the SQL of GET /api/Ticket/{id}');
    rows.push(
      runPgbench(
        env.DATABASE_URL,
        'pgbench: SQL of GET ticket',
        getTicketSql(keyHash, s.empty, s.accountId),
        {
          clients: CONNECTIONS,
          seconds: SECONDS,
        },
      ),
    );
    log('bare fastify');
    rows.push(await bareFastifyRun(env, emptyBody));

    log('warm-up');
    await load('warm-up', base, {
      method: 'POST',
      headers: s.headers,
      pathOf: (n) => `/api/Ticket/${s.tickets[n % TICKETS]}/message?${q}`,
      bodyOf: replyBody,
    });
    await projectorCaughtUp(env);
    log(`replies over ${TICKETS} tickets, with the lag probe and resource usage`);
    const roots = serviceRoots(env, children);
    const replies = (overallRate?: number) =>
      withCosts(env, roots, () =>
        Promise.all([
          load(`replies over ${TICKETS} tickets${overallRate ? ', half rate' : ''}`, base, {
            method: 'POST',
            headers: s.headers,
            pathOf: (n) => `/api/Ticket/${s.tickets[n % TICKETS]}/message?${q}`,
            bodyOf: replyBody,
            overallRate,
          }),
          sampleLag(
            base,
            s.headers,
            {
              reply: `/api/Ticket/${s.lagTicket}/message?${q}`,
              get: `/api/Ticket/${s.lagTicket}?${q}`,
            },
            Date.now() + SECONDS * 1000,
          ),
        ]).then(([measured, lag]) => ({
          measured,
          lag,
          requests: measured.total + lag.n,
          reads: lag.polls,
        })),
      );
    const spread = await replies();
    rows.push(spread.measured);
    await projectorCaughtUp(env);
    log('replies over the same tickets at half that rate, with the lag probe');
    const half = await replies(Math.max(1, Math.round(spread.measured.rate / 2)));
    rows.push(half.measured);
    await projectorCaughtUp(env);
    log('replies on one ticket');
    rows.push(
      await load('replies on one ticket', base, {
        method: 'POST',
        headers: s.headers,
        // the next hot ticket before one reaches the 5,000-message cap: still one ticket at a time
        pathOf: (n) => `/api/Ticket/${s.hot[Math.floor(n / REPLIES_PER_HOT_TICKET)]}/message?${q}`,
        bodyOf: replyBody,
      }),
    );
    await projectorCaughtUp(env);
    log('reads');
    const gets = await withCosts(env, roots, async () => {
      const measured = await load('GET ticket, empty', base, {
        headers: getHeaders,
        pathOf: () => `/api/Ticket/${s.empty}?${q}`,
      });
      return { measured, requests: measured.total };
    });
    rows.push(
      gets.measured,
      await load(`GET ticket, ${THREAD_LENGTH} messages`, base, {
        headers: getHeaders,
        pathOf: () => `/api/Ticket/${s.threaded}?${q}`,
      }),
      await load('list tickets', base, { headers: getHeaders, pathOf: () => `/api/Ticket?${q}` }),
    );
    console.log(report(rows, spread, half, gets));
    if (PROFILE_DIR) console.log(profileReport(rows, PROFILE_DIR));
  } finally {
    await cleanup();
  }
}

type ReplyRun = { measured: Measured; lag: Lag; requests: number } & Costs;

function report(rows: Measured[], spread: ReplyRun, half: ReplyRun, gets: Costs): string {
  const by = Object.fromEntries(rows.map((r) => [r.name, r]));
  const ratioTo: Record<string, [string, number | undefined]> = {
    [`replies over ${TICKETS} tickets`]: ['pgbench: 1-row INSERT commits', 0.06],
    'replies on one ticket': [`replies over ${TICKETS} tickets`, 0.8],
    'GET ticket, empty': ['bare fastify, same JSON body', 0.12],
    [`GET ticket, ${THREAD_LENGTH} messages`]: ['GET ticket, empty', undefined],
    'list tickets': ['pgbench: SQL of GET ticket', undefined],
    'bare fastify, same JSON body': ['pgbench: SQL of GET ticket', undefined],
  };
  const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
  const lines = [
    `Throughput, ${os.cpus().length} cores (${os.cpus()[0].model}), ${CONNECTIONS} connections, ${SECONDS} s each, loopback`,
    `  ${'run'.padEnd(36)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'api CPU ms/req'.padStart(14)}   ratio (target)`,
  ];
  for (const r of rows) {
    const [reference, target] = ratioTo[r.name] ?? [];
    const ratio = reference
      ? `${fixed(r.rate / by[reference].rate, 3)} x ${reference}${target ? ` (>= ${target})` : ''}`
      : '';
    lines.push(
      `  ${r.name.padEnd(36)} ${fixed(r.rate, 0).padStart(8)} ${fixed(r.p50).padStart(8)} ${fixed(r.p99).padStart(8)} ${String(r.errors).padStart(7)} ${fixed(r.apiCpuMsPerRequest ?? NaN, 2).padStart(14)}   ${ratio}`,
    );
  }
  const costLines = (title: string, costs: Costs, target: string) => [
    `${title}: CPU ms per request ${fixed(costs.totalCpuMsPerRequest, 2)} in total (${target}), PostgreSQL commits per request ${fixed(costs.xactPerRequest, 2)} (the lag probe's reads left out)`,
    ...costs.resources.map(
      (u) =>
        `  ${u.name.padEnd(26)} CPU ${fixed(costs.cpuMsPerRequest[u.name], 3).padStart(7)} ms/req  ${fixed(u.cpuSeconds, 2).padStart(6)} s   peak RSS ${fixed(u.peakRssBytes / 2 ** 20, 0).padStart(5)} MiB   (${u.processes} processes)`,
    ),
  ];
  const lagLine = (title: string, run: ReplyRun, target: number) =>
    `${title} (${fixed(run.measured.rate, 0)} replies/s): reply 201 -> visible in GET p50 ${fixed(run.lag.p50)} ms, p99 ${fixed(run.lag.p99)} ms (${run.lag.n} samples; target p99 <= ${target})`;
  lines.push(
    ...costLines('Replies at full rate', spread, 'target <= 2.0'),
    ...costLines('GET ticket, empty', gets, 'target <= 0.4'),
    lagLine('Projection lag at full rate', spread, 250),
    lagLine('Projection lag at half rate', half, 100),
  );
  return lines.join('\n');
}

function profileReport(rows: Measured[], dir: string): string {
  const lines = [`ticket-api CPU profiles (${dir}):`];
  for (const r of rows) {
    if (r.sqlPerRequest === undefined) continue;
    const file = join(dir, `${r.name.replace(/\W+/g, '-')}.cpuprofile`);
    lines.push(`${r.name}: ${r.sqlPerRequest.toFixed(2)} SQL round trips per request`);
    lines.push(summarize(JSON.parse(readFileSync(file, 'utf8')) as Profiler.Profile, 10));
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
