import { generateApiKey } from '../../libs/platform/src/auth/api-key';
import { PgApiKeyRepository } from '../../libs/platform/src/auth/pg-api-key.repository';
import { createPool } from '../../libs/platform/src/db/database';
import type { Endpoints } from './endpoints';
import { waitFor } from './wait-for';

/**
 * Ready is not enough: a first event must make the whole trip (append, outbox, Kafka, projector, read model)
 * before the tests that read their writes start, or a consumer group's first join shows up as their failures.
 */
export async function warmUpPipeline(endpoints: Endpoints, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  const accountId = `warm-up-${started}`;
  const key = generateApiKey();
  const pool = createPool(endpoints.DATABASE_URL, 1, 'test-setup');
  await new PgApiKeyRepository(pool).create(key, 'customer', accountId).finally(() => pool.end());
  const headers = { 'x-api-key': key, 'content-type': 'application/json' };
  const base = `${endpoints.GATEWAY_URL}/api/Ticket`;
  const opened = await fetch(`${base}?accountId=${accountId}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      subject: 'Warm-up',
      description: 'First event of the run.',
      topic: 'Other',
    }),
  });
  if (opened.status !== 201)
    throw new Error(`warm-up ticket: ${opened.status} ${await opened.text()}`);
  const { id } = (await opened.json()) as { id: number };
  await waitFor(
    'the first event in the read model',
    async () => (await fetch(`${base}/${id}?accountId=${accountId}`, { headers })).status === 200,
    timeoutMs,
  );
  console.log(`[setup] first event projected end to end in ${Date.now() - started} ms`);
}
