import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '@app/platform/db/database';
import { PgWebhookStore } from './pg-webhook-store';

describe('PgWebhookStore (Postgres)', () => {
  let pool: Pool;
  let store: PgWebhookStore;

  beforeAll(() => {
    pool = createPool(process.env.DATABASE_URL ?? '', 2, 'webhooks-int');
    store = new PgWebhookStore(pool);
  });
  afterAll(() => pool.end());

  /** A delivery being attempted, that no dispatcher will pick up on its own: its next attempt is far away. */
  async function aDelivery(
    retryUntil: string,
  ): Promise<{ accountId: string; endpointId: number; deliveryId: string }> {
    const accountId = `acct-${randomUUID().slice(0, 8)}`;
    const endpoint = await store.register({
      accountId,
      url: 'http://127.0.0.1:9/hook',
      secret: 'whsec_AAAA',
      eventTypes: null,
    });
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
    await store.redeliver(accountId, endpointId, Number(deliveryId));
    await store.succeeded(deliveryId, 200);
    const { rows } = await pool.query<{ status: string }>(
      'SELECT status FROM webhook_deliveries WHERE id = $1',
      [deliveryId],
    );
    expect(rows[0].status).toBe('pending');
  });
});
