// `npm run bench:api`: throughput and latency of the JSON API through the gateway, measured side by side in one
// run: replies spread over many tickets vs all on one ticket (the cost of per-ticket ordering), reads of a
// ticket, and how long a reply takes to show in the read model (read-your-writes lag).
//
// Starts its own ticket-api, projector and nginx from dist/ (test profile moved by BENCH_SLOT*10, default 8) on
// the test profile's PostgreSQL and Kafka. Loopback only; every loop is bounded in count and time.
//
//   BENCH_REQUESTS=2000 BENCH_CONCURRENCY=32 BENCH_TICKETS=50 BENCH_LAG_SAMPLES=200
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { createApiKey, openTicket, pool, startStack } from './bench-stack';
import type { BenchEnv } from './bench-stack';

interface Measured {
  name: string;
  done: number;
  failures: number;
  rate: number;
  p50: number;
  p99: number;
}

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 50);
const LAG_SAMPLES = Number(process.env.BENCH_LAG_SAMPLES ?? 200);
const SLOT = Number(process.env.BENCH_SLOT ?? 8);
const SCENARIO_LIMIT_MS = 120_000;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Sends `count` requests, `CONCURRENCY` at a time, stopping early at the time limit. */
async function measure(
  name: string,
  count: number,
  request: (i: number) => Promise<Response>,
): Promise<Measured> {
  const latencies: number[] = [];
  const deadline = Date.now() + SCENARIO_LIMIT_MS;
  let failures = 0;
  const start = process.hrtime.bigint();
  await pool(count, CONCURRENCY, async (i) => {
    if (Date.now() > deadline) return;
    const t0 = process.hrtime.bigint();
    const response = await request(i);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (!response.ok) failures += 1;
    await response.arrayBuffer();
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    name,
    done: latencies.length,
    failures,
    rate: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** Time from a reply's 201 until GET shows its version, polled every 2 ms, one sample at a time. */
async function readYourWritesLag(base: string, key: string, accountId: string, ticketId: number) {
  const lags: number[] = [];
  const deadline = Date.now() + SCENARIO_LIMIT_MS;
  for (let i = 0; i < LAG_SAMPLES && Date.now() < deadline; i++) {
    const reply = await fetch(`${base}/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ message: `lag sample ${i}` }),
    });
    const { ticketVersion } = (await reply.json()) as { ticketVersion: number };
    const t0 = process.hrtime.bigint();
    for (let polls = 0; polls < 5_000; polls++) {
      const ticket = await fetch(`${base}/api/Ticket/${ticketId}?accountId=${accountId}`, {
        headers: { 'x-api-key': key },
      });
      if (((await ticket.json()) as { version: number }).version >= ticketVersion) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    lags.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  lags.sort((a, b) => a - b);
  return {
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: lags[lags.length - 1],
    n: lags.length,
  };
}

/** Waits until the projector has applied everything, so one scenario's backlog does not slow the next. */
async function projectorCaughtUp(env: BenchEnv): Promise<void> {
  const deadline = Date.now() + SCENARIO_LIMIT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`http://127.0.0.1:${env.PROJECTOR_PORT}/health`);
    const health = (await response.json()) as { lag?: { eventsBehind?: number } };
    if (health.lag?.eventsBehind === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the projector did not catch up');
}

async function main(): Promise<void> {
  const { env, cleanup } = await startStack(SLOT, { 'ticket-api': {}, projector: {} });
  try {
    const base = env.GATEWAY_URL;
    const accountId = `bench-${randomBytes(4).toString('hex')}`;
    const key = createApiKey(env, accountId);
    const tickets: number[] = [];
    for (let i = 0; i < TICKETS; i++) tickets.push(await openTicket(env, key, accountId));
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };
    const reply = (ticketId: number, i: number) =>
      fetch(`${base}/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ message: `benchmark reply ${i}` }),
      });

    await measure('warm-up', 200, (i) => reply(tickets[i % TICKETS], i));
    const spread = await measure(`replies over ${TICKETS} tickets`, REQUESTS, (i) =>
      reply(tickets[i % TICKETS], i),
    );
    const hot = await openTicket(env, key, accountId, 'Hot ticket');
    const single = await measure('replies on one ticket', REQUESTS, (i) => reply(hot, i));
    await projectorCaughtUp(env);
    const reads = await measure('GET one ticket', REQUESTS, (i) =>
      fetch(`${base}/api/Ticket/${tickets[i % TICKETS]}?accountId=${accountId}`, { headers }),
    );
    await projectorCaughtUp(env);
    const lag = await readYourWritesLag(base, key, accountId, tickets[0]);

    const row = (r: Measured) =>
      `  ${r.name.padEnd(28)} ${r.rate.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(7)} ms   (${r.done} requests, ${r.failures} failed)`;
    console.log(
      [
        `API benchmark through the gateway: ${CONCURRENCY} concurrent clients, loopback, ${cpus().length} cores`,
        row(spread),
        row(single),
        row(reads),
        `  ratio one ticket / spread: ${(single.rate / spread.rate).toFixed(2)}`,
        `  reply visible in GET after: p50 ${lag.p50.toFixed(1)} ms, p99 ${lag.p99.toFixed(1)} ms, max ${lag.max.toFixed(1)} ms (${lag.n} samples)`,
      ].join('\n'),
    );
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
