import type { Pool } from 'pg';
import { ticketIdOfStream } from '@app/domain';
import type { TicketEventType } from '@app/domain';
import type {
  DeliveryStatus,
  DeliveryView,
  WebhookEndpointView,
  WebhookPayload,
} from './webhook.views';

interface EndpointRow {
  id: string;
  url: string;
  event_types: TicketEventType[] | null;
  created_at: Date;
  disabled_at: Date | null;
  disabled_reason: string | null;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  message_id: string;
  event_id: string;
  stream_id: string;
  event_type: TicketEventType;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

/** A delivery claimed for one attempt, with what is needed to send it. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly endpointId: string;
  readonly url: string;
  readonly secret: string;
  readonly messageId: string;
  readonly payload: WebhookPayload;
  readonly attempts: number;
}

export interface NewEndpoint {
  readonly accountId: string;
  readonly url: string;
  readonly secret: string;
  readonly eventTypes: readonly TicketEventType[] | null;
}

export interface DeliveryToEnqueue {
  readonly eventId: string;
  readonly accountId: string;
  readonly payload: WebhookPayload;
  readonly retryWindowMs: number;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

const toEndpoint = (row: EndpointRow): WebhookEndpointView => ({
  id: Number(row.id),
  url: row.url,
  eventTypes: row.event_types,
  createdAt: row.created_at.toISOString(),
  disabledAt: iso(row.disabled_at),
  disabledReason: row.disabled_reason,
});

const toDelivery = (row: DeliveryRow): DeliveryView => ({
  id: Number(row.id),
  webhookId: Number(row.endpoint_id),
  messageId: row.message_id,
  eventId: row.event_id,
  eventType: row.event_type,
  ticketId: ticketIdOfStream(row.stream_id),
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
  lastAttemptAt: iso(row.last_attempt_at),
  lastStatusCode: row.last_status_code,
  lastError: row.last_error,
  deliveredAt: iso(row.delivered_at),
  createdAt: row.created_at.toISOString(),
});

const ENDPOINT_COLUMNS = 'id, url, event_types, created_at, disabled_at, disabled_reason';
const DELIVERY_COLUMNS = `id, endpoint_id, message_id, event_id, stream_id, event_type, status, attempts,
  next_attempt_at, last_attempt_at, last_status_code, last_error, delivered_at, created_at`;

/** Webhook endpoints and their deliveries; every read and change of an endpoint is scoped to its account. */
export class PgWebhookStore {
  constructor(private readonly pool: Pool) {}

  async register(endpoint: NewEndpoint): Promise<WebhookEndpointView> {
    const { rows } = await this.pool.query<EndpointRow>(
      `INSERT INTO webhook_endpoints (account_id, url, secret, event_types) VALUES ($1, $2, $3, $4)
       RETURNING ${ENDPOINT_COLUMNS}`,
      [endpoint.accountId, endpoint.url, endpoint.secret, endpoint.eventTypes],
    );
    return toEndpoint(rows[0]);
  }

  async list(accountId: string): Promise<WebhookEndpointView[]> {
    const { rows } = await this.pool.query<EndpointRow>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE account_id = $1 ORDER BY id`,
      [accountId],
    );
    return rows.map(toEndpoint);
  }

  /** false when the account has no such endpoint. */
  async remove(accountId: string, id: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM webhook_endpoints WHERE account_id = $1 AND id = $2',
      [accountId, id],
    );
    return rowCount === 1;
  }

  async exists(accountId: string, id: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM webhook_endpoints WHERE account_id = $1 AND id = $2',
      [accountId, id],
    );
    return rowCount === 1;
  }

  /** Newest first, before the delivery id of the cursor. */
  async deliveries(
    accountId: string,
    endpointId: number,
    beforeId: number | null,
    limit: number,
  ): Promise<DeliveryView[]> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d
       WHERE d.endpoint_id = $2 AND ($3::bigint IS NULL OR d.id < $3)
         AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.id = d.endpoint_id AND e.account_id = $1)
       ORDER BY d.id DESC LIMIT $4`,
      [accountId, endpointId, beforeId, limit],
    );
    return rows.map(toDelivery);
  }

  /** Sends the delivery again from now, with a fresh retry window; re-enables a disabled endpoint. */
  async redeliver(
    accountId: string,
    endpointId: number,
    deliveryId: number,
  ): Promise<DeliveryView | null> {
    const { rows } = await this.pool.query<DeliveryRow>(
      `WITH endpoint AS (
         UPDATE webhook_endpoints SET disabled_at = NULL, disabled_reason = NULL
         WHERE id = $2 AND account_id = $1
           AND EXISTS (SELECT 1 FROM webhook_deliveries WHERE id = $3 AND endpoint_id = $2)
         RETURNING id)
       UPDATE webhook_deliveries d SET status = 'pending', next_attempt_at = now(), lease_until = NULL,
         retry_until = now() + (d.retry_until - d.created_at)
       FROM endpoint WHERE d.id = $3 AND d.endpoint_id = endpoint.id
       RETURNING d.*`,
      [accountId, endpointId, deliveryId],
    );
    return rows[0] ? toDelivery(rows[0]) : null;
  }

  /** One delivery per enabled endpoint of the account that wants this type and existed when it was recorded. */
  async enqueue(delivery: DeliveryToEnqueue): Promise<number> {
    const { rowCount } = await this.pool.query(
      `INSERT INTO webhook_deliveries
         (endpoint_id, message_id, event_id, stream_id, global_position, event_type, payload, retry_until)
       SELECT w.id, 'msg_' || ev.event_id, ev.event_id, ev.stream_id, ev.global_position, ev.event_type,
              $3::jsonb, now() + make_interval(secs => $4::double precision / 1000)
       FROM events ev
       JOIN webhook_endpoints w ON w.account_id = $2 AND w.disabled_at IS NULL
         AND w.created_at <= ev.recorded_at
         AND (w.event_types IS NULL OR ev.event_type = ANY (w.event_types))
       WHERE ev.event_id = $1
       ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING`,
      [
        delivery.eventId,
        delivery.accountId,
        JSON.stringify(delivery.payload),
        delivery.retryWindowMs,
      ],
    );
    return rowCount ?? 0;
  }

  /** The account of a stored event, or null when the store has no such event. */
  async accountOfEvent(eventId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ account_id: string | null }>(
      'SELECT account_id FROM events WHERE event_id = $1',
      [eventId],
    );
    return rows[0]?.account_id ?? null;
  }

  /**
   * Leases due deliveries for one attempt. A delivery waits while an earlier one of the same ticket is
   * pending for the same endpoint, so each endpoint receives a ticket's events in order.
   */
  async claimDue(limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
    const { rows } = await this.pool.query<{
      id: string;
      endpoint_id: string;
      url: string;
      secret: string;
      message_id: string;
      payload: WebhookPayload;
      attempts: number;
    }>(
      `WITH due AS (
         SELECT d.id FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.disabled_at IS NULL
         WHERE d.status = 'pending' AND d.next_attempt_at <= now()
           AND (d.lease_until IS NULL OR d.lease_until < now())
           AND NOT EXISTS (
             SELECT 1 FROM webhook_deliveries p
             WHERE p.endpoint_id = d.endpoint_id AND p.stream_id = d.stream_id
               AND p.status = 'pending' AND p.global_position < d.global_position)
         ORDER BY d.next_attempt_at, d.id
         LIMIT $1
         FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_deliveries d
         SET lease_until = now() + make_interval(secs => $2::double precision / 1000),
             attempts = d.attempts + 1, last_attempt_at = now()
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.endpoint_id, d.message_id, d.payload, d.attempts
       )
       SELECT c.*, e.url, e.secret FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id`,
      [limit, leaseMs],
    );
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      url: row.url,
      secret: row.secret,
      messageId: row.message_id,
      payload: row.payload,
      attempts: row.attempts,
    }));
  }

  /** Records the attempt in flight; not one a redelivery has reset since (its lease was cleared). */
  async succeeded(deliveryId: string, statusCode: number): Promise<void> {
    await this.pool.query(
      `UPDATE webhook_deliveries SET status = 'succeeded', delivered_at = now(), lease_until = NULL,
         last_status_code = $2, last_error = NULL
       WHERE id = $1 AND lease_until IS NOT NULL`,
      [deliveryId, statusCode],
    );
  }

  /**
   * Schedules the next attempt, or, once the retry window is over, fails the delivery and disables its
   * endpoint. Returns the delivery's status.
   */
  async failed(
    deliveryId: string,
    outcome: { statusCode: number | null; error: string },
    retryInMs: number,
  ): Promise<DeliveryStatus> {
    const { rows } = await this.pool.query<{ status: DeliveryStatus; endpoint_id: string }>(
      `UPDATE webhook_deliveries SET lease_until = NULL, last_status_code = $2, last_error = $3,
         status = CASE WHEN now() >= retry_until THEN 'failed' ELSE 'pending' END,
         next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
       WHERE id = $1 AND lease_until IS NOT NULL RETURNING status, endpoint_id`,
      [deliveryId, outcome.statusCode, outcome.error.slice(0, 500), retryInMs],
    );
    const row = rows[0];
    if (row?.status === 'failed') {
      await this.pool.query(
        `UPDATE webhook_endpoints SET disabled_at = now(),
           disabled_reason = 'Deliveries kept failing for the whole retry window.'
         WHERE id = $1 AND disabled_at IS NULL`,
        [row.endpoint_id],
      );
    }
    // a redelivery asked for meanwhile made this attempt's outcome moot: the delivery is pending again
    return row?.status ?? 'pending';
  }
}
