// `npm run bench:consumers`: how long after a reply's 201 an API consumer learns of it, measured side by side in
// one run: a long-poll on the change feed (GET /api/events?wait=) vs a webhook delivery to a receiver on
// loopback (through Kafka and the webhook-dispatcher).
//
// Starts its own ticket-api, webhook-dispatcher and nginx from dist/ (test profile moved by BENCH_SLOT*10,
// default 8) on the test profile's PostgreSQL and Kafka. Loopback only; every loop is bounded in count and time.
//
//   BENCH_SAMPLES=100
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { createApiKey, openTicket, startStack } from './bench-stack';

interface FeedPage {
  nextCursor: string;
}

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 100);
const SLOT = Number(process.env.BENCH_SLOT ?? 8);
const SAMPLE_LIMIT_MS = 10_000;
const LOOPBACK = { WEBHOOK_ALLOW_LOOPBACK: 'true', LOG_LEVEL: 'warn' };

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** A webhook receiver on loopback: resolves the waiter of each message text as it arrives. */
async function startReceiver() {
  const waiters = new Map<string, (at: bigint) => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(204).end();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        data?: { data?: { message?: string } };
      };
      const message = body.data?.data?.message;
      if (message !== undefined) waiters.get(message)?.(process.hrtime.bigint());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    arrival: (message: string) => new Promise<bigint>((resolve) => waiters.set(message, resolve)),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);

async function main(): Promise<void> {
  const { env, cleanup } = await startStack(SLOT, {
    'ticket-api': LOOPBACK,
    'webhook-dispatcher': LOOPBACK,
  });
  const receiver = await startReceiver();
  try {
    const base = env.GATEWAY_URL;
    const accountId = `bench-${randomBytes(4).toString('hex')}`;
    const key = createApiKey(env, accountId);
    const headers = { 'x-api-key': key, 'content-type': 'application/json' };
    const registered = await fetch(`${base}/api/webhooks?accountId=${accountId}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: receiver.url, eventTypes: ['MessageAdded'] }),
    });
    if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
    const ticket = await openTicket(env, key, accountId);
    const start = await fetch(`${base}/api/events?accountId=${accountId}&after=now`, { headers });
    let cursor = ((await start.json()) as FeedPage).nextCursor;

    const feed: number[] = [];
    const hooks: number[] = [];
    for (let i = 0; i < SAMPLES + 5; i++) {
      const message = `consumer sample ${i}`;
      const delivered = receiver.arrival(message);
      const polled = fetch(
        `${base}/api/events?accountId=${accountId}&after=${cursor}&wait=10&types=MessageAdded`,
        { headers },
      ).then(async (r) => ({ at: process.hrtime.bigint(), page: (await r.json()) as FeedPage }));
      const replied = await fetch(`${base}/api/Ticket/${ticket}/message?accountId=${accountId}`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ message }),
      });
      const t0 = process.hrtime.bigint();
      if (replied.status !== 201) throw new Error(`reply: ${replied.status}`);
      const [poll, hookAt] = await within(Promise.all([polled, delivered]), SAMPLE_LIMIT_MS);
      cursor = poll.page.nextCursor;
      if (i < 5) continue; // warm-up: the dispatcher's consumer group may still be joining
      feed.push(Math.max(0, Number(poll.at - t0) / 1e6));
      hooks.push(Number(hookAt - t0) / 1e6);
    }
    const row = (name: string, values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return `  ${name.padEnd(34)} p50 ${percentile(sorted, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(sorted, 99).toFixed(1).padStart(7)} ms   max ${sorted[sorted.length - 1].toFixed(1).padStart(7)} ms`;
    };
    console.log(
      [
        `Consumers benchmark: ${SAMPLES} replies on one ticket, time from the reply's 201, loopback, ${cpus().length} cores`,
        row('change feed long-poll returned', feed),
        row('webhook delivered (signed)', hooks),
      ].join('\n'),
    );
  } finally {
    await receiver.close();
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
