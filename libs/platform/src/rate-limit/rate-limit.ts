export interface RateLimitPolicy {
  /** Requests per second a key may make on average, summed over every instance; 0 turns limiting off. */
  readonly perSecond: number;
  /** Requests a key may make at once after being idle. */
  readonly burst: number;
  /** Tokens an instance leases from the shared bucket at most per round trip (1: a round trip per request). */
  readonly maxLease?: number;
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

/** Tokens handed out by one statement on a key's bucket, and what the bucket holds after it. */
export interface BucketLease {
  readonly granted: number;
  readonly tokens: number;
}

/** The shared budget of every key: hands out up to `want` whole tokens at once. */
export interface TokenBuckets {
  readonly policy: RateLimitPolicy;
  lease(apiKeyId: string, want: number): Promise<BucketLease>;
}

export interface RateLimiter {
  take(apiKeyId: string): Promise<RateLimitDecision>;
}

/** The decision for a bucket holding `tokens` after this request took one (allowed) or found none. */
export function decisionOf(
  policy: RateLimitPolicy,
  allowed: boolean,
  tokens: number,
): RateLimitDecision {
  const { perSecond, burst } = policy;
  return {
    allowed,
    limit: burst,
    remaining: Math.max(0, Math.floor(tokens)),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perSecond)),
    resetSeconds: Math.max(0, Math.ceil((burst - tokens) / perSecond)),
  };
}
