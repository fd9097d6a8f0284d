import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { accountStreamId } from '@app/domain';
import type { AccountDataErased } from '@app/domain';
import { PgEventStore } from '@app/event-store';
import type { PersonalDataCodec } from '@app/event-store';
import { scrubResidualPlaintext } from './residual-plaintext';

const ACCOUNT_ID = /^[A-Za-z0-9_-]{1,64}$/;

export const isAccountId = (raw: string): boolean => ACCOUNT_ID.test(raw);

/**
 * Crypto-shredding of one account: its data keys are destroyed (every personal field sealed with them reads
 * as erased from then on, in every instance at the commit), AccountDataErased is appended to the account's
 * stream (chained and published like any event: the projector blanks its read model), and the plaintext
 * kept outside the events is blanked. Running it again erases what was written since.
 */
export async function forgetAccountCommand(
  pool: Pool,
  codec: PersonalDataCodec,
  accountId: string,
  topic: string,
): Promise<string> {
  const generations = await codec.keys.erase(accountId);
  const store = new PgEventStore<AccountDataErased>(
    pool,
    { topic, keyOf: (streamId) => streamId },
    (record) => record as AccountDataErased,
  );
  const streamId = accountStreamId(accountId);
  const before = await store.readStream(streamId);
  await store.appendToStream(streamId, before.length, [
    {
      type: 'AccountDataErased',
      schemaVersion: 1,
      data: { accountId, generations },
      metadata: {
        actor: { role: 'staff', accountId: null, apiKeyId: null },
        occurredAt: new Date().toISOString(),
        correlationId: `forget-account-${randomUUID()}`,
      },
    },
  ]);
  const scrubbed = await scrubResidualPlaintext(pool, accountId);
  return [
    `account ${accountId}: ${generations} data key(s) destroyed, AccountDataErased recorded in ${streamId}`,
    `blanked: ${scrubbed.tickets} tickets in the read model, ${scrubbed.idempotencyRecords} idempotency records, ` +
      `${scrubbed.webhookDeliveries} webhook deliveries, ${scrubbed.deadLetters} dead letters`,
  ].join('\n');
}
