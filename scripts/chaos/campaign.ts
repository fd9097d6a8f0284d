// One campaign: the chaos stack, clients and nemesis for `minutes`, then settling and the checker.
import type { Pool } from 'pg';
import { generateApiKey } from '@app/platform/auth/api-key';
import { PgApiKeyRepository } from '@app/platform/auth/pg-api-key.repository';
import { withTransaction } from '@app/platform/db/database';
import { behindTheStore } from '@app/read-model';
import type { Endpoints } from '../../test/setup/endpoints';
import { waitFor } from '../../test/setup/wait-for';
import { WebhookReceiver } from '../../test/support/webhook-receiver';
import {
  acceptedFirstArrivals,
  attachmentChecks,
  commandsChecks,
  emptyBucket,
  feedChecks,
  readModelChecks,
  storageChecks,
  storedEvents,
  streamChecks,
  webhookChecks,
} from './checker';
import type { Check } from './checker';
import { Clients } from './clients';
import type { Account, Operation } from './clients';
import { Nemesis } from './nemesis';
import type { Fault } from './nemesis';
import { Random } from './random';
import { CHAOS_BUCKET, ChaosStack } from './stack';

export interface CampaignOptions {
  readonly seed: number;
  readonly minutes: number;
  /** The test profile's servers (scripts/infra), already running. */
  readonly profile: Endpoints;
  readonly log?: (line: string) => void;
  readonly accounts?: number;
  readonly settleTimeoutMs?: number;
}

export interface CampaignResult {
  readonly seed: number;
  readonly minutes: number;
  readonly operations: readonly Operation[];
  readonly faults: readonly Fault[];
  /** Acknowledged commands the event store does not hold: must be 0. */
  readonly lost: number;
  readonly settleMs: number;
  readonly checks: readonly Check[];
}

const ACCOUNTS = 3;

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`[chaos] ${line}\n`));
  const random = new Random(options.seed);
  const receiverRandom = random.fork('webhook-receiver');
  await emptyBucket({ ...options.profile, S3_BUCKET: CHAOS_BUCKET });
  log('starting the chaos stack');
  const stack = await ChaosStack.start(options.profile);
  // the receiver refuses one delivery in ten, so the dispatcher's retries are part of the run
  const receiver = new WebhookReceiver(() => (receiverRandom.chance(0.1) ? 503 : 204));
  try {
    const hookUrl = await receiver.start();
    const accounts: Account[] = [];
    for (let i = 0; i < (options.accounts ?? ACCOUNTS); i++) {
      const account = {
        id: `chaos-${i}`,
        key: await createKey(stack.pool, 'customer', `chaos-${i}`),
      };
      await registerWebhook(stack.gatewayUrl, account, hookUrl);
      accounts.push(account);
    }
    const staffKey = await createKey(stack.pool, 'staff', null);

    const startedAt = Date.now();
    const until = startedAt + options.minutes * 60_000;
    const clients = new Clients({
      gatewayUrl: stack.gatewayUrl,
      accounts,
      staffKey,
      random: random.fork('clients'),
      customersPerAccount: 2,
      staffWorkers: 2,
      maxOpsPerWorker: Math.ceil(options.minutes * 60 * 20),
      requestTimeoutMs: 10_000,
      maxAttempts: 5,
    });
    const nemesis = new Nemesis(
      stack,
      random.fork('nemesis'),
      () => clients.uploadsInFlight,
      startedAt,
    );
    log(`seed ${options.seed}: clients and faults for ${options.minutes} min`);
    clients.start();
    nemesis.start(until);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, until - Date.now())));
    await nemesis.done;
    await clients.stop();
    const quietAt = Date.now();
    log(
      `faults stopped: ${nemesis.faults.length} faults, ${clients.operations.length} commands; settling`,
    );

    const settled = await settle(stack, receiver, accounts, options.settleTimeoutMs ?? 180_000);
    const settleMs = Date.now() - quietAt;
    log(`settled in ${settleMs} ms; checking`);

    const events = await storedEvents(stack.pool);
    const commands = commandsChecks(clients.operations, events);
    const checks: Check[] = [
      settled,
      ...commands.checks,
      ...(await streamChecks(stack.pool)),
      ...(await readModelChecks(stack.pool)),
      ...(await feedChecks(stack.gatewayUrl, accounts, events)),
      ...webhookChecks(receiver.received, accounts, events),
      ...(await attachmentChecks(stack.gatewayUrl, clients.operations, accounts)),
      ...(await storageChecks(stack.env, stack.pool)),
    ];
    return {
      seed: options.seed,
      minutes: options.minutes,
      operations: clients.operations,
      faults: nemesis.faults,
      lost: commands.lost,
      settleMs,
      checks,
    };
  } finally {
    await receiver.stop();
    await stack.stop();
  }
}

async function createKey(
  pool: Pool,
  role: 'customer' | 'staff',
  accountId: string | null,
): Promise<string> {
  const key = generateApiKey();
  await new PgApiKeyRepository(pool).create(key, role, accountId);
  return key;
}

async function registerWebhook(gatewayUrl: string, account: Account, url: string): Promise<void> {
  const response = await fetch(`${gatewayUrl}/api/webhooks?accountId=${account.id}`, {
    method: 'POST',
    headers: { 'x-api-key': account.key, 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status !== 201) {
    throw new Error(`webhook registration: ${response.status} ${await response.text()}`);
  }
}

/**
 * Waits, in order, for: every instance ready with its dependencies, the outbox empty, the read model at the
 * store's version for every ticket, and every event of the accounts accepted by the webhook receiver.
 */
async function settle(
  stack: ChaosStack,
  receiver: WebhookReceiver,
  accounts: readonly Account[],
  timeoutMs: number,
): Promise<Check> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1_000, deadline - Date.now());
  const name = `the stack settles within ${timeoutMs / 1000} s`;
  const accountIds = new Set(accounts.map((a) => a.id));
  const steps: [string, () => Promise<boolean>][] = [
    ['every instance ready', async () => (await stack.waitAllReady(left()), true)],
    [
      'the outbox empty',
      async () =>
        (await stack.pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox')).rows[0].n ===
        '0',
    ],
    [
      'the read model caught up',
      async () =>
        (await withTransaction(stack.pool, (c) => behindTheStore(c, 'read_model'))).length === 0,
    ],
    [
      'every event delivered to the webhook receiver',
      async () => {
        const delivered = acceptedFirstArrivals(receiver.received);
        return (await storedEvents(stack.pool))
          .filter((e) => accountIds.has(e.accountId))
          .every((e) => delivered.has(e.eventId));
      },
    ],
  ];
  for (const [what, condition] of steps) {
    try {
      await waitFor(what, condition, left(), 250);
    } catch (error) {
      return { name, ok: false, detail: (error as Error).message };
    }
  }
  return { name, ok: true, detail: steps.map(([what]) => what).join(', ') };
}
