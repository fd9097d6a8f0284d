import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { createPool } from '@app/platform/db/database';
import { PgWebhookStore } from './pg-webhook-store';
import type { NewEndpoint } from './pg-webhook-store';
import { WebhookSecretKeyring } from './webhook-secret-keyring';

const aKey = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const newAccount = () => `acct-${randomUUID().slice(0, 8)}`;
const anEndpoint = (accountId: string, secret = 'whsec_AAAA'): NewEndpoint => ({
  accountId,
  url: 'http://127.0.0.1:9/hook',
  secret,
  eventTypes: null,
});

describe('PgWebhookStore (Postgres)', () => {
  let pool: Pool;
  let store: PgWebhookStore;
  const [oldKey, currentKey] = [aKey('old'), aKey('current')];
  const keyring = WebhookSecretKeyring.parse(`${currentKey},${oldKey}`);

  beforeAll(() => {
    pool = createPool(process.env.DATABASE_URL ?? '', 8, 'webhooks-int');
    store = new PgWebhookStore(pool, keyring);
  });
  afterAll(() => pool.end());

  /** A delivery being attempted, that no dispatcher will pick up on its own: its next attempt is far away. */
  async function aDelivery(
    retryUntil: string,
  ): Promise<{ accountId: string; endpointId: number; deliveryId: string }> {
    const accountId = newAccount();
    const endpoint = (await store.register(anEndpoint(accountId), 10))!;
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO webhook_deliveries (endpoint_id, message_id, event_id, stream_id, global_position,
         event_type, payload, next_attempt_at, retry_until, created_at, lease_until)
       VALUES ($1, 'msg_x', gen_random_uuid(), 'ticket-1', 1, 'TicketOpened', '{}',
         now() + interval '1 day', now() + $2::interval, now() - interval '1 day',
         now() + interval '1 minute')
       RETURNING id`,
      [endpoint.id, retryUntil],
    );
    return { accountId, endpointId: endpoint.id, deliveryId: rows[0].id };
  }

  it('schedules another attempt while the retry window lasts', async () => {
    const { deliveryId } = await aDelivery('1 hour');
    const status = await store.failed(deliveryId, { statusCode: 500, error: 'boom' }, 60_000);
    expect(status).toBe('pending');
    const { rows } = await pool.query<{ in_seconds: number }>(
      'SELECT extract(epoch FROM next_attempt_at - now())::int AS in_seconds FROM webhook_deliveries WHERE id = $1',
      [deliveryId],
    );
    expect(rows[0].in_seconds).toBeGreaterThanOrEqual(58);
    expect(rows[0].in_seconds).toBeLessThanOrEqual(60);
  });

  it('fails the delivery and disables its endpoint once the retry window is over', async () => {
    const { endpointId, deliveryId } = await aDelivery('-1 second');
    const status = await store.failed(deliveryId, { statusCode: null, error: 'refused' }, 60_000);
    expect(status).toBe('failed');
    const { rows } = await pool.query<{ disabled_at: Date | null; disabled_reason: string }>(
      'SELECT disabled_at, disabled_reason FROM webhook_endpoints WHERE id = $1',
      [endpointId],
    );
    expect(rows[0].disabled_at).not.toBeNull();
    expect(rows[0].disabled_reason).toMatch(/retry window/);
  });

  it('keeps a redelivery asked for while an attempt was in flight: that attempt does not mark it done', async () => {
    const { accountId, endpointId, deliveryId } = await aDelivery('1 hour');
    // an earlier event of the stream, not due, keeps the running dispatcher from claiming the redelivery
    await pool.query(
      `INSERT INTO webhook_deliveries (endpoint_id, message_id, event_id, stream_id, global_position,
         event_type, payload, next_attempt_at, retry_until, created_at)
       VALUES ($1, 'msg_earlier', gen_random_uuid(), 'ticket-1', 0, 'TicketOpened', '{}',
         now() + interval '1 day', now() + interval '2 days', now() - interval '1 day')`,
      [endpointId],
    );
    await store.redeliver(accountId, endpointId, Number(deliveryId));
    await store.succeeded(deliveryId, 200);
    const { rows } = await pool.query<{ status: string }>(
      'SELECT status FROM webhook_deliveries WHERE id = $1',
      [deliveryId],
    );
    expect(rows[0].status).toBe('pending');
  });

  it('registers at most the limit of endpoints per account, also when registrations race', async () => {
    const accountId = newAccount();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.register(anEndpoint(accountId), 3)),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(3);
    expect(await store.list(accountId)).toHaveLength(3);
    expect(await store.register(anEndpoint(newAccount()), 3)).not.toBeNull();
  });

  it('stores a secret sealed with the current key, never in the clear', async () => {
    const accountId = newAccount();
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const endpoint = (await store.register(anEndpoint(accountId, secret), 10))!;
    const { rows } = await pool.query<Record<string, string | null>>(
      'SELECT * FROM webhook_endpoints WHERE id = $1',
      [endpoint.id],
    );
    expect(rows[0]).toMatchObject({ secret: null, secret_key_id: 'current' });
    expect(JSON.stringify(rows[0])).not.toContain(secret.slice(6));
    expect(
      keyring.open({ ciphertext: rows[0].secret_ciphertext!, keyId: 'current' }, accountId),
    ).toBe(secret);
  });

  it('seals secrets left in the clear and re-seals those of an older key, at start', async () => {
    const accountId = newAccount();
    const before = WebhookSecretKeyring.parse(oldKey).seal('whsec_b2xk', accountId);
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO webhook_endpoints (account_id, url, secret, secret_ciphertext, secret_key_id)
       VALUES ($1, 'http://127.0.0.1:9/a', 'whsec_cGxhaW4', NULL, NULL),
              ($1, 'http://127.0.0.1:9/b', NULL, $2, 'old')
       RETURNING id`,
      [accountId, before.ciphertext],
    );
    await store.resealSecrets();
    const after = await pool.query<{
      secret: string | null;
      secret_ciphertext: string;
      secret_key_id: string;
    }>(
      'SELECT secret, secret_ciphertext, secret_key_id FROM webhook_endpoints WHERE id = ANY ($1) ORDER BY id',
      [rows.map((r) => r.id)],
    );
    expect(after.rows.map((r) => [r.secret, r.secret_key_id])).toEqual([
      [null, 'current'],
      [null, 'current'],
    ]);
    expect(
      after.rows.map((r) =>
        keyring.open({ ciphertext: r.secret_ciphertext, keyId: r.secret_key_id }, accountId),
      ),
    ).toEqual(['whsec_cGxhaW4', 'whsec_b2xk']);
  });

  describe('claiming due deliveries', () => {
    // in a transaction that is rolled back: the running dispatcher never sees these deliveries
    let client: PoolClient;
    let inTransaction: PgWebhookStore;
    beforeEach(async () => {
      client = await pool.connect();
      await client.query('BEGIN');
      inTransaction = new PgWebhookStore(client as unknown as Pool, keyring);
    });
    afterEach(async () => {
      await client.query('ROLLBACK');
      client.release();
    });

    async function dueDeliveries(
      accountId: string,
      count: number,
      dueSince: string,
      ring = keyring,
    ) {
      const sealed = ring.seal('whsec_AAAA', accountId);
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO webhook_endpoints (account_id, url, secret_ciphertext, secret_key_id)
         VALUES ($1, 'http://127.0.0.1:9/hook', $2, $3) RETURNING id`,
        [accountId, sealed.ciphertext, sealed.keyId],
      );
      await client.query(
        `INSERT INTO webhook_deliveries (endpoint_id, message_id, event_id, stream_id, global_position,
           event_type, payload, next_attempt_at, retry_until)
         SELECT $1, 'msg_' || n, gen_random_uuid(), 'ticket-' || n, n, 'TicketOpened', '{}',
           now() - $3::interval + n * interval '1 ms', now() + interval '1 day'
         FROM generate_series(1, $2) AS n`,
        [rows[0].id, count, dueSince],
      );
    }

    it('takes at most K due deliveries of one account per round, so the others go in the same round', async () => {
      const [busy, quiet] = [newAccount(), newAccount()];
      await dueDeliveries(busy, 30, '1 hour');
      await dueDeliveries(quiet, 2, '1 minute');
      const claimed = await inTransaction.claimDue({ limit: 10, leaseMs: 60_000, perAccount: 4 });
      const of = (accountId: string) => claimed.filter((c) => c.accountId === accountId);
      expect(of(busy)).toHaveLength(4);
      expect(of(quiet)).toHaveLength(2);
      expect(of(busy)[0]).toMatchObject({ secret: 'whsec_AAAA', attempts: 1 });
    });

    it('gives the next round to the account with fewer deliveries in flight, and leases what it claims', async () => {
      const [busy, quiet] = [newAccount(), newAccount()];
      await dueDeliveries(busy, 30, '1 hour');
      const first = await inTransaction.claimDue({ limit: 10, leaseMs: 60_000, perAccount: 4 });
      expect(first.filter((c) => c.accountId === busy)).toHaveLength(4);
      await dueDeliveries(quiet, 3, '1 second');
      const second = await inTransaction.claimDue({ limit: 3, leaseMs: 60_000, perAccount: 4 });
      expect(second.filter((c) => c.accountId === quiet)).toHaveLength(3);
      const ids = new Set(first.map((c) => c.id));
      expect(second.some((c) => ids.has(c.id))).toBe(false);
    });

    it('claims a delivery whose secret no configured key opens without a secret, and the others as usual', async () => {
      const [lost, fine] = [newAccount(), newAccount()];
      await dueDeliveries(lost, 1, '1 hour', WebhookSecretKeyring.parse(aKey('gone')));
      await dueDeliveries(fine, 1, '1 hour');
      const claimed = await inTransaction.claimDue({ limit: 10, leaseMs: 60_000, perAccount: 4 });
      expect(claimed.find((c) => c.accountId === lost)).toMatchObject({ secret: null });
      expect(claimed.find((c) => c.accountId === fine)).toMatchObject({ secret: 'whsec_AAAA' });
    });
  });
});
