import type { Pool } from 'pg';
import type { BucketLease, RateLimitPolicy, TokenBuckets } from './rate-limit';

const REFILLED =
  'LEAST($2::float8, b.tokens + EXTRACT(EPOCH FROM now() - b.refilled_at) * $3::float8)';
const GRANTED = `LEAST($4::float8, floor(${REFILLED}))`;

/**
 * A token bucket per API key in PostgreSQL: one atomic statement refills the key's bucket for the time
 * since it was last touched and takes up to `want` whole tokens, so every instance sees the same budget.
 */
export class PgTokenBuckets implements TokenBuckets {
  constructor(
    private readonly pool: Pool,
    readonly policy: RateLimitPolicy,
  ) {}

  async lease(apiKeyId: string, want: number): Promise<BucketLease> {
    const { perSecond, burst } = this.policy;
    const { rows } = await this.pool.query<{ tokens: number; granted: number }>(
      // the SET expressions read the locked row as it was, so concurrent statements never share a token
      `INSERT INTO api_key_rate_limits AS b (api_key_id, tokens, allowed, granted, refilled_at)
       VALUES ($1, $2::float8 - LEAST($4::float8, $2::float8), true, LEAST($4::float8, $2::float8), now())
       ON CONFLICT (api_key_id) DO UPDATE SET
         granted = ${GRANTED},
         allowed = ${GRANTED} >= 1,
         tokens = ${REFILLED} - ${GRANTED},
         refilled_at = now()
       RETURNING tokens, granted`,
      [apiKeyId, burst, perSecond, want],
    );
    return rows[0];
  }
}
