import type { Pool } from 'pg';

export interface RateLimitPolicy {
  /** Requests per second a key may make on average, summed over every instance; 0 turns limiting off. */
  readonly perSecond: number;
  /** Requests a key may make at once after being idle. */
  readonly burst: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until a request would be allowed again (0 when allowed). */
  readonly retryAfterSeconds: number;
  /** Seconds until the bucket is full again. */
  readonly resetSeconds: number;
}

const REFILLED =
  'LEAST($2::float8, b.tokens + EXTRACT(EPOCH FROM now() - b.refilled_at) * $3::float8)';

/**
 * A token bucket per API key in PostgreSQL: one atomic statement refills the key's bucket for the time
 * since its last request and takes a token if there is one, so every instance sees the same budget.
 */
export class PgRateLimiter {
  constructor(
    private readonly pool: Pool,
    readonly policy: RateLimitPolicy,
  ) {}

  async take(apiKeyId: string): Promise<RateLimitDecision> {
    const { perSecond, burst } = this.policy;
    const { rows } = await this.pool.query<{ tokens: number; allowed: boolean }>(
      // the SET expressions read the locked row as it was, so concurrent requests never share a token
      `INSERT INTO api_key_rate_limits AS b (api_key_id, tokens, allowed, refilled_at)
       VALUES ($1, $2::float8 - 1, true, now())
       ON CONFLICT (api_key_id) DO UPDATE SET
         allowed = ${REFILLED} >= 1,
         tokens = CASE WHEN ${REFILLED} >= 1 THEN ${REFILLED} - 1 ELSE ${REFILLED} END,
         refilled_at = now()
       RETURNING tokens, allowed`,
      [apiKeyId, burst, perSecond],
    );
    const { tokens, allowed } = rows[0];
    return {
      allowed,
      limit: burst,
      remaining: Math.max(0, Math.floor(tokens)),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perSecond)),
      resetSeconds: Math.ceil((burst - tokens) / perSecond),
    };
  }
}
