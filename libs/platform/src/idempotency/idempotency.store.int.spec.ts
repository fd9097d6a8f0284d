import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { generateApiKey } from '../auth/api-key';
import { PgApiKeyRepository } from '../auth/pg-api-key.repository';
import { createPool } from '../db/database';
import { IdempotencyStore } from './idempotency.store';

const RESPONSE = { status: 201, headers: { etag: '"3"' }, body: { id: 9 } };

describe('IdempotencyStore (Postgres)', () => {
  let pool: Pool;
  let store: IdempotencyStore;
  let apiKeyId: string;

  beforeAll(async () => {
    pool = createPool(process.env.DATABASE_URL ?? '', 2, 'idempotency-int');
    store = new IdempotencyStore(pool, 24);
    const created = await new PgApiKeyRepository(pool).create(
      generateApiKey(),
      'customer',
      'acct-idem',
    );
    apiKeyId = created.id;
  });
  afterAll(() => pool.end());

  const age = (key: string, seconds: number) =>
    pool.query(
      `UPDATE idempotency_keys SET created_at = now() - make_interval(secs => $3)
       WHERE api_key_id = $1 AND idempotency_key = $2`,
      [apiKeyId, key, seconds],
    );

  it('a pending claim: 409 while it runs, then its fingerprint and response once completed', async () => {
    const key = randomUUID();
    const claim = await store.claimPending(apiKeyId, key, 600);
    expect(claim.outcome).toBe('claimed');
    const token = (claim as { token: string }).token;
    expect(await store.claimPending(apiKeyId, key, 600)).toEqual({ outcome: 'in-progress' });
    expect(await store.completeWithFingerprint(apiKeyId, key, token, 'fp-1', RESPONSE)).toBe(true);
    expect(await store.claimPending(apiKeyId, key, 600)).toEqual({
      outcome: 'completed',
      fingerprint: 'fp-1',
      response: RESPONSE,
    });
    // the JSON path sees the same row: the same fingerprint replays, another is a reuse
    expect(await store.claim(apiKeyId, key, 'fp-1')).toEqual({
      outcome: 'replay',
      response: RESPONSE,
    });
    expect(await store.claim(apiKeyId, key, 'fp-2')).toEqual({ outcome: 'mismatch' });
  });

  it('a released pending claim can be claimed again; another token cannot release it', async () => {
    const key = randomUUID();
    const first = (await store.claimPending(apiKeyId, key, 600)) as { token: string };
    await store.release(apiKeyId, key, 'pending:someone-else');
    expect(await store.claimPending(apiKeyId, key, 600)).toEqual({ outcome: 'in-progress' });
    await store.release(apiKeyId, key, first.token);
    expect((await store.claimPending(apiKeyId, key, 600)).outcome).toBe('claimed');
  });

  it('an abandoned pending claim is taken over, and its late holder can neither complete nor release it', async () => {
    const key = randomUUID();
    const old = (await store.claimPending(apiKeyId, key, 600)) as { token: string };
    await age(key, 30);
    expect(await store.claimPending(apiKeyId, key, 600)).toEqual({ outcome: 'in-progress' });
    await age(key, 700);
    const taken = await store.claimPending(apiKeyId, key, 600);
    expect(taken.outcome).toBe('claimed');
    expect(await store.completeWithFingerprint(apiKeyId, key, old.token, 'fp', RESPONSE)).toBe(
      false,
    );
    await store.release(apiKeyId, key, old.token);
    expect(await store.claimPending(apiKeyId, key, 600)).toEqual({ outcome: 'in-progress' });
  });

  it('a running JSON claim is never taken over as a pending one, however old', async () => {
    const key = randomUUID();
    expect(await store.claim(apiKeyId, key, 'json-fp')).toEqual({ outcome: 'claimed' });
    await age(key, 10_000);
    expect(await store.claimPending(apiKeyId, key, 600)).toEqual({ outcome: 'in-progress' });
  });

  it('an expired key is claimed afresh', async () => {
    const key = randomUUID();
    const claim = (await store.claimPending(apiKeyId, key, 600)) as { token: string };
    await store.completeWithFingerprint(apiKeyId, key, claim.token, 'fp', RESPONSE);
    await pool.query(
      `UPDATE idempotency_keys SET expires_at = now() - interval '1 second'
       WHERE api_key_id = $1 AND idempotency_key = $2`,
      [apiKeyId, key],
    );
    expect((await store.claimPending(apiKeyId, key, 600)).outcome).toBe('claimed');
  });
});
