import { decisionOf } from './rate-limit';
import type {
  BucketLease,
  RateLimitDecision,
  RateLimiter,
  RateLimitPolicy,
  TokenBuckets,
} from './rate-limit';

/** Tokens of one key this instance holds, or a refusal it remembers until the bucket refills a token. */
interface Lease {
  tokens: number;
  readonly bucketTokens: number;
  readonly leasedAt: number;
  readonly until: number;
  readonly refused: boolean;
}

const MAX_RENEWALS_PER_REQUEST = 50;
const SWEEP_ABOVE_KEYS = 10_000;

/** The whole tokens a lease takes: a tenth of the burst, at most the policy's maxLease, at least one. */
export const leaseSizeFor = (policy: RateLimitPolicy): number =>
  Math.max(1, Math.min(policy.maxLease ?? 1, Math.floor(policy.burst / 10)));

/**
 * The per-key rate limit of one instance: requests spend tokens leased from the key's PostgreSQL bucket, up to
 * `leaseSize` (more when more requests wait) per round trip; unspent tokens lapse after `leaseMs`.
 */
export class LeasingRateLimiter implements RateLimiter {
  private readonly leases = new Map<string, Lease>();
  private readonly renewals = new Map<string, Promise<void>>();
  private readonly waiting = new Map<string, number>();

  constructor(
    private readonly buckets: TokenBuckets,
    private readonly leaseSize = leaseSizeFor(buckets.policy),
    private readonly leaseMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get policy(): RateLimitPolicy {
    return this.buckets.policy;
  }

  async take(apiKeyId: string): Promise<RateLimitDecision> {
    for (let renewals = 0; renewals < MAX_RENEWALS_PER_REQUEST; renewals++) {
      const decision = this.spend(apiKeyId);
      if (decision) return decision;
      this.waiting.set(apiKeyId, (this.waiting.get(apiKeyId) ?? 0) + 1);
      try {
        await this.renew(apiKeyId);
      } finally {
        const left = (this.waiting.get(apiKeyId) ?? 1) - 1;
        if (left > 0) this.waiting.set(apiKeyId, left);
        else this.waiting.delete(apiKeyId);
      }
    }
    throw new Error(
      `rate limiter: no lease for key ${apiKeyId} after ${MAX_RENEWALS_PER_REQUEST} renewals`,
    );
  }

  /** A decision from what this instance holds, or null when it must ask the bucket. */
  private spend(apiKeyId: string): RateLimitDecision | null {
    const lease = this.leases.get(apiKeyId);
    const now = this.now();
    if (!lease || now >= lease.until) return null;
    if (lease.refused) {
      const refilled = lease.bucketTokens + ((now - lease.leasedAt) / 1000) * this.policy.perSecond;
      return decisionOf(this.policy, false, Math.min(refilled, this.policy.burst));
    }
    if (lease.tokens < 1) return null;
    lease.tokens -= 1;
    return decisionOf(this.policy, true, lease.bucketTokens + lease.tokens);
  }

  /** One round trip per key at a time; requests arriving meanwhile wait for it. */
  private renew(apiKeyId: string): Promise<void> {
    const pending = this.renewals.get(apiKeyId);
    if (pending) return pending;
    const want = Math.max(this.leaseSize, this.waiting.get(apiKeyId) ?? 1);
    const renewal = this.buckets
      .lease(apiKeyId, want)
      .then((lease) => this.hold(apiKeyId, lease))
      .finally(() => this.renewals.delete(apiKeyId));
    this.renewals.set(apiKeyId, renewal);
    return renewal;
  }

  private hold(apiKeyId: string, { granted, tokens }: BucketLease): void {
    const now = this.now();
    if (this.leases.size > SWEEP_ABOVE_KEYS) {
      for (const [key, lease] of this.leases) if (now >= lease.until) this.leases.delete(key);
    }
    const refused = granted < 1;
    const untilRefilled = (Math.max(0, 1 - tokens) / this.policy.perSecond) * 1000;
    this.leases.set(apiKeyId, {
      tokens: granted,
      bucketTokens: tokens,
      leasedAt: now,
      until: now + (refused ? untilRefilled : this.leaseMs),
      refused,
    });
  }
}
