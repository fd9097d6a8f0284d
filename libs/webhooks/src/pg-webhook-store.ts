import type { Pool } from 'pg';
import { ticketIdOfStream } from '@app/domain';
import type { TicketEventType } from '@app/domain';
import type { WebhookSecretKeyring } from './webhook-secret-keyring';
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
  readonly accountId: string;
  readonly url: string;
  /** null when it cannot be opened: its key is not among WEBHOOK_SECRET_KEYS (the attempt fails). */
  readonly secret: string | null;
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

export interface ClaimOptions {
  /** Deliveries claimed at most. */
  readonly limit: number;
  readonly leaseMs: number;
  /** Deliveries of one account claimed at most in one round, so that no account starves the others. */
  readonly perAccount: number;
}

interface SecretRow {
  account_id: string;
  secret: string | null;
  secret_ciphertext: string | null;
  secret_key_id: string | null;
}

/**
 * Webhook endpoints and their deliveries; every read and change of an endpoint is scoped to its account.
 * Secrets are sealed with the keyring before they are written and opened only for an attempt.
 */
export class PgWebhookStore {
  constructor(
    private readonly pool: Pool,
    private readonly keyring: WebhookSecretKeyring,
  ) {}

  /** null when the account already has `maxPerAccount` endpoints; registrations of an account queue. */
  async register(
    endpoint: NewEndpoint,
    maxPerAccount: number,
  ): Promise<WebhookEndpointView | null> {
    const sealed = this.keyring.seal(endpoint.secret, endpoint.accountId);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('webhook_endpoints:' || $1))", [
        endpoint.accountId,
      ]);
      const { rows } = await client.query<EndpointRow>(
        `INSERT INTO webhook_endpoints (account_id, url, secret_ciphertext, secret_key_id, event_types)
         SELECT $1, $2, $3, $4, $5
         WHERE (SELECT count(*) FROM webhook_endpoints WHERE account_id = $1) < $6
         RETURNING ${ENDPOINT_COLUMNS}`,
        [
          endpoint.accountId,
          endpoint.url,
          sealed.ciphertext,
          sealed.keyId,
          endpoint.eventTypes,
          maxPerAccount,
        ],
      );
      await client.query('COMMIT');
      return rows[0] ? toEndpoint(rows[0]) : null;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Seals secrets still stored in the clear (rows from before migration 015) and re-seals those of keys
   * other than the current one, a batch per transaction. Returns how many rows it changed and how many
   * it could not open (their key is not configured).
   */
  async resealSecrets(batchSize = 100): Promise<{ resealed: number; unopenable: number }> {
    let resealed = 0;
    let unopenable = 0;
    for (let after = '0'; ;) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<SecretRow & { id: string }>(
          `SELECT id, account_id, secret, secret_ciphertext, secret_key_id FROM webhook_endpoints
           WHERE id > $1 AND (secret IS NOT NULL OR secret_key_id IS DISTINCT FROM $2)
           ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [after, this.keyring.currentKeyId, batchSize],
        );
        for (const row of rows) {
          let secret: string;
          try {
            secret = this.openSecret(row);
          } catch {
            unopenable += 1;
            continue;
          }
          const sealed = this.keyring.seal(secret, row.account_id);
          await client.query(
            `UPDATE webhook_endpoints SET secret = NULL, secret_ciphertext = $2, secret_key_id = $3
             WHERE id = $1`,
            [row.id, sealed.ciphertext, sealed.keyId],
          );
          resealed += 1;
        }
        await client.query('COMMIT');
        if (rows.length < batchSize) return { resealed, unopenable };
        after = rows[rows.length - 1].id;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
  }

  private secretOrNull(row: SecretRow): string | null {
    try {
      return this.openSecret(row);
    } catch {
      return null;
    }
  }

  /** A row's secret in the clear: sealed, or still plain until resealSecrets has run. */
  private openSecret(row: SecretRow): string {
    if (row.secret_ciphertext !== null && row.secret_key_id !== null) {
      return this.keyring.open(
        { ciphertext: row.secret_ciphertext, keyId: row.secret_key_id },
        row.account_id,
      );
    }
    if (row.secret === null) throw new Error('the endpoint has no secret');
    return row.secret;
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

  /** Each event's pending deliveries, one per endpoint of its account that wants it, in one statement. */
  async enqueueAll(deliveries: readonly DeliveryToEnqueue[]): Promise<number> {
    if (deliveries.length === 0) return 0;
    const { rowCount } = await this.pool.query(
      `INSERT INTO webhook_deliveries
         (endpoint_id, message_id, event_id, stream_id, global_position, event_type, payload, retry_until)
       SELECT w.id, 'msg_' || ev.event_id, ev.event_id, ev.stream_id, ev.global_position, ev.event_type,
              d.payload, now() + make_interval(secs => d.retry_window_ms / 1000)
       FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::double precision[])
            AS d(event_id, account_id, payload, retry_window_ms)
       JOIN events ev ON ev.event_id = d.event_id
       JOIN webhook_endpoints w ON w.account_id = d.account_id AND w.disabled_at IS NULL
         AND w.created_at <= ev.recorded_at
         AND (w.event_types IS NULL OR ev.event_type = ANY (w.event_types))
       ORDER BY ev.global_position, w.id
       ON CONFLICT ON CONSTRAINT webhook_deliveries_once DO NOTHING`,
      [
        deliveries.map((d) => d.eventId),
        deliveries.map((d) => d.accountId),
        deliveries.map((d) => JSON.stringify(d.payload)),
        deliveries.map((d) => d.retryWindowMs),
      ],
    );
    return rowCount ?? 0;
  }

  /** The accounts of stored streams; a stream the store does not know is absent. */
  async accountsOfStreams(streamIds: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ stream_id: string; account_id: string }>(
      `SELECT s.stream_id, first.account_id FROM unnest($1::text[]) AS s(stream_id)
       CROSS JOIN LATERAL (SELECT account_id FROM events e WHERE e.stream_id = s.stream_id
                            ORDER BY e.stream_version LIMIT 1) AS first
       WHERE first.account_id IS NOT NULL`,
      [[...new Set(streamIds)]],
    );
    return new Map(rows.map((r) => [r.stream_id, r.account_id]));
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
   * pending for the same endpoint, so each endpoint receives a ticket's events in order. Accounts take
   * turns: each gives at most `perAccount` deliveries per round, those with fewer in flight first.
   */
  async claimDue(options: ClaimOptions): Promise<ClaimedDelivery[]> {
    const { rows } = await this.pool.query<
      SecretRow & {
        id: string;
        endpoint_id: string;
        url: string;
        message_id: string;
        payload: WebhookPayload;
        attempts: number;
      }
    >(
      `WITH ready AS (
         SELECT d.id, d.next_attempt_at, e.account_id,
                row_number() OVER (PARTITION BY e.account_id ORDER BY d.next_attempt_at, d.id) AS turn
         FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.disabled_at IS NULL
         WHERE d.status = 'pending' AND d.next_attempt_at <= now()
           AND (d.lease_until IS NULL OR d.lease_until < now())
           AND NOT EXISTS (
             SELECT 1 FROM webhook_deliveries p
             WHERE p.endpoint_id = d.endpoint_id AND p.stream_id = d.stream_id
               AND p.status = 'pending' AND p.global_position < d.global_position)
       ), in_flight AS (
         SELECT e.account_id, count(*) AS n FROM webhook_deliveries d
         JOIN webhook_endpoints e ON e.id = d.endpoint_id
         WHERE d.status = 'pending' AND d.lease_until >= now()
         GROUP BY e.account_id
       ), due AS (
         SELECT d.id FROM webhook_deliveries d
         JOIN ready r ON r.id = d.id
         LEFT JOIN in_flight f ON f.account_id = r.account_id
         WHERE r.turn <= $3
         ORDER BY r.turn + coalesce(f.n, 0), r.next_attempt_at, d.id
         LIMIT $1
         FOR UPDATE OF d SKIP LOCKED
       ), claimed AS (
         UPDATE webhook_deliveries d
         SET lease_until = now() + make_interval(secs => $2::double precision / 1000),
             attempts = d.attempts + 1, last_attempt_at = now()
         FROM due WHERE d.id = due.id
         RETURNING d.id, d.endpoint_id, d.message_id, d.payload, d.attempts
       )
       SELECT c.*, e.url, e.account_id, e.secret, e.secret_ciphertext, e.secret_key_id
       FROM claimed c JOIN webhook_endpoints e ON e.id = c.endpoint_id`,
      [options.limit, options.leaseMs, options.perAccount],
    );
    return rows.map((row) => ({
      id: row.id,
      endpointId: row.endpoint_id,
      accountId: row.account_id,
      url: row.url,
      secret: this.secretOrNull(row),
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
