import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';

export interface StoredResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export type Claim =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'replay'; readonly response: StoredResponse }
  | { readonly outcome: 'in-progress' }
  | { readonly outcome: 'mismatch' };

/**
 * A claim taken before the request's fingerprint is known (an upload is fingerprinted by its content, which
 * is only known once it has been read). `token` identifies this claim: only its holder completes or
 * releases it, so a claim taken over after it was abandoned is never overwritten by the old holder.
 */
export type PendingClaim =
  | { readonly outcome: 'claimed'; readonly token: string }
  | { readonly outcome: 'in-progress' }
  | {
      readonly outcome: 'completed';
      readonly fingerprint: string;
      readonly response: StoredResponse;
    };

/** The fingerprint a pending claim holds until it completes; never a sha256 hex, so never a JSON match. */
const PENDING_PREFIX = 'pending:';

interface KeyRow {
  request_fingerprint: string;
  state: 'running' | 'completed';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: unknown;
}

/** A running claim older than this is taken to be from a process that died, and may be taken over. */
const ABANDONED_AFTER_SECONDS = 60;

const storedResponse = (row: KeyRow): StoredResponse => ({
  status: row.response_status ?? 200,
  headers: row.response_headers ?? {},
  body: row.response_body,
});

export class IdempotencyStore {
  constructor(
    private readonly pool: Pool,
    private readonly ttlHours: number,
  ) {}

  /** Claims the key for this request, or says what the first request with it did. */
  async claim(apiKeyId: string, key: string, fingerprint: string): Promise<Claim> {
    if (
      await this.insertRunning(apiKeyId, key, fingerprint, fingerprint, ABANDONED_AFTER_SECONDS)
    ) {
      return { outcome: 'claimed' };
    }
    const row = await this.find(apiKeyId, key);
    if (!row) return this.claim(apiKeyId, key, fingerprint);
    if (row.request_fingerprint !== fingerprint) return { outcome: 'mismatch' };
    if (row.state === 'running') return { outcome: 'in-progress' };
    return { outcome: 'replay', response: storedResponse(row) };
  }

  /**
   * Claims the key for a request whose fingerprint is not known yet, or says what holds it: a running
   * request, or a completed one (with its fingerprint, for the caller to compare once it knows its own).
   * A pending claim older than `abandonedAfterSeconds` is taken to be from a process that died.
   */
  async claimPending(
    apiKeyId: string,
    key: string,
    abandonedAfterSeconds: number,
  ): Promise<PendingClaim> {
    const token = PENDING_PREFIX + randomUUID();
    if (await this.insertRunning(apiKeyId, key, token, PENDING_PREFIX, abandonedAfterSeconds)) {
      return { outcome: 'claimed', token };
    }
    const row = await this.find(apiKeyId, key);
    if (!row) return this.claimPending(apiKeyId, key, abandonedAfterSeconds);
    if (row.state === 'running') return { outcome: 'in-progress' };
    return {
      outcome: 'completed',
      fingerprint: row.request_fingerprint,
      response: storedResponse(row),
    };
  }

  /**
   * Completes a pending claim, recording the fingerprint the request turned out to have. False when the
   * claim is no longer this one's (taken over after it was thought abandoned).
   */
  async completeWithFingerprint(
    apiKeyId: string,
    key: string,
    token: string,
    fingerprint: string,
    response: StoredResponse,
  ): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE idempotency_keys SET state = 'completed', request_fingerprint = $4, response_status = $5,
         response_headers = $6, response_body = $7
       WHERE api_key_id = $1 AND idempotency_key = $2 AND state = 'running'
         AND request_fingerprint = $3`,
      [
        apiKeyId,
        key,
        token,
        fingerprint,
        response.status,
        JSON.stringify(response.headers),
        JSON.stringify(response.body),
      ],
    );
    return rowCount === 1;
  }

  async complete(apiKeyId: string, key: string, response: StoredResponse): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_headers = $4,
         response_body = $5 WHERE api_key_id = $1 AND idempotency_key = $2`,
      [
        apiKeyId,
        key,
        response.status,
        JSON.stringify(response.headers),
        JSON.stringify(response.body),
      ],
    );
  }

  /**
   * A failed request leaves no trace, so the client may retry it with the same key. A pending claim passes
   * its token, so that only its own claim is released.
   */
  async release(apiKeyId: string, key: string, token?: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM idempotency_keys WHERE api_key_id = $1 AND idempotency_key = $2 AND state = 'running'
         AND ($3::text IS NULL OR request_fingerprint = $3)`,
      [apiKeyId, key, token ?? null],
    );
  }

  /**
   * Inserts a running claim, or takes over an expired key or a running claim abandoned for longer than
   * `abandonedAfterSeconds` whose fingerprint starts with `takeOverPrefix`; false when the key is held.
   */
  private async insertRunning(
    apiKeyId: string,
    key: string,
    fingerprint: string,
    takeOverPrefix: string,
    abandonedAfterSeconds: number,
  ): Promise<boolean> {
    const inserted = await this.pool.query(
      `INSERT INTO idempotency_keys (api_key_id, idempotency_key, request_fingerprint, state, expires_at)
       VALUES ($1, $2, $3, 'running', now() + make_interval(hours => $4))
       ON CONFLICT (api_key_id, idempotency_key) DO UPDATE
         SET request_fingerprint = EXCLUDED.request_fingerprint, state = 'running',
             created_at = now(), expires_at = EXCLUDED.expires_at,
             response_status = NULL, response_headers = NULL, response_body = NULL
         WHERE idempotency_keys.expires_at < now()
            OR (idempotency_keys.state = 'running'
                AND starts_with(idempotency_keys.request_fingerprint, $6)
                AND idempotency_keys.created_at < now() - make_interval(secs => $5))
       RETURNING 1`,
      [apiKeyId, key, fingerprint, this.ttlHours, abandonedAfterSeconds, takeOverPrefix],
    );
    return inserted.rowCount === 1;
  }

  private async find(apiKeyId: string, key: string): Promise<KeyRow | undefined> {
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT request_fingerprint, state, response_status, response_headers, response_body
       FROM idempotency_keys WHERE api_key_id = $1 AND idempotency_key = $2`,
      [apiKeyId, key],
    );
    return rows[0];
  }

  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM idempotency_keys WHERE expires_at < now()',
    );
    return rowCount ?? 0;
  }
}
