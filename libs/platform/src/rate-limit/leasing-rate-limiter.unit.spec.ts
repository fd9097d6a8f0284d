import { LeasingRateLimiter, leaseSizeFor } from './leasing-rate-limiter';
import type { BucketLease, RateLimitPolicy, TokenBuckets } from './rate-limit';

/** The PostgreSQL bucket's arithmetic in memory, on a clock the test moves, counting round trips. */
class FakeBuckets implements TokenBuckets {
  roundTrips = 0;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly policy: RateLimitPolicy,
    private readonly clock: { now: number },
  ) {}

  async lease(apiKeyId: string, want: number): Promise<BucketLease> {
    this.roundTrips += 1;
    await Promise.resolve();
    const { burst, perSecond } = this.policy;
    const bucket = this.buckets.get(apiKeyId) ?? { tokens: burst, at: this.clock.now };
    const refilled = Math.min(
      burst,
      bucket.tokens + ((this.clock.now - bucket.at) / 1000) * perSecond,
    );
    const granted = Math.min(want, Math.floor(refilled));
    this.buckets.set(apiKeyId, { tokens: refilled - granted, at: this.clock.now });
    return { granted, tokens: refilled - granted };
  }
}

const setup = (policy: RateLimitPolicy) => {
  const clock = { now: 1_000_000 };
  const buckets = new FakeBuckets(policy, clock);
  const instance = () => new LeasingRateLimiter(buckets, undefined, 1000, () => clock.now);
  return { clock, buckets, instance };
};

const allowedCount = (decisions: { allowed: boolean }[]) =>
  decisions.filter((d) => d.allowed).length;

describe('LeasingRateLimiter', () => {
  it('sizes a lease at a tenth of the burst, within 1 and maxLease', () => {
    expect(leaseSizeFor({ perSecond: 2, burst: 5, maxLease: 100 })).toBe(1);
    expect(leaseSizeFor({ perSecond: 20, burst: 40, maxLease: 100 })).toBe(4);
    expect(leaseSizeFor({ perSecond: 1e5, burst: 1e5, maxLease: 100 })).toBe(100);
    expect(leaseSizeFor({ perSecond: 1e5, burst: 1e5 })).toBe(1);
  });

  it('spends a leased batch of tokens with one round trip to the bucket, counting the remaining down', async () => {
    const { buckets, instance } = setup({ perSecond: 10, burst: 100, maxLease: 10 });
    const limiter = instance();
    const decisions = [];
    for (let i = 0; i < 10; i++) decisions.push(await limiter.take('key'));
    expect(buckets.roundTrips).toBe(1);
    expect(allowedCount(decisions)).toBe(10);
    expect(decisions.map((d) => d.remaining)).toEqual([99, 98, 97, 96, 95, 94, 93, 92, 91, 90]);
  });

  it('lets requests arriving together wait for one lease sized to all of them', async () => {
    const { buckets, instance } = setup({ perSecond: 10, burst: 100, maxLease: 5 });
    const limiter = instance();
    const decisions = await Promise.all(Array.from({ length: 32 }, () => limiter.take('key')));
    expect(allowedCount(decisions)).toBe(32);
    expect(buckets.roundTrips).toBeLessThanOrEqual(2);
  });

  it('never allows more than the shared bucket holds, however the requests spread over instances', async () => {
    const { instance } = setup({ perSecond: 1, burst: 20, maxLease: 100 });
    const instances = [instance(), instance(), instance()];
    const decisions = [];
    for (let i = 0; i < 60; i++) decisions.push(await instances[i % 3].take('key'));
    expect(allowedCount(decisions)).toBe(20);
  });

  it('answers a refused key from memory until the bucket refills a token, with Retry-After and nothing remaining', async () => {
    const { clock, buckets, instance } = setup({ perSecond: 2, burst: 5, maxLease: 100 });
    const limiter = instance();
    for (let i = 0; i < 5; i++) expect((await limiter.take('key')).allowed).toBe(true);
    const refused = await limiter.take('key');
    const trips = buckets.roundTrips;
    expect(refused).toMatchObject({ allowed: false, remaining: 0, limit: 5, retryAfterSeconds: 1 });
    expect((await limiter.take('key')).allowed).toBe(false);
    expect(buckets.roundTrips).toBe(trips);
    clock.now += 500;
    expect((await limiter.take('key')).allowed).toBe(true);
    expect(buckets.roundTrips).toBe(trips + 1);
  });

  it('lets unspent leased tokens lapse after the lease time, asking the bucket again', async () => {
    const { clock, buckets, instance } = setup({ perSecond: 0.001, burst: 100, maxLease: 10 });
    const limiter = instance();
    await limiter.take('key');
    clock.now += 1000;
    const decision = await limiter.take('key');
    expect(buckets.roundTrips).toBe(2);
    // the 9 unspent tokens of the first lease lapsed: 100 - 10 - 10 in the bucket, 9 held
    expect(decision.remaining).toBe(89);
  });

  it('keeps the budgets of different keys apart', async () => {
    const { instance } = setup({ perSecond: 1, burst: 2, maxLease: 100 });
    const limiter = instance();
    await limiter.take('a');
    await limiter.take('a');
    expect((await limiter.take('a')).allowed).toBe(false);
    expect((await limiter.take('b')).allowed).toBe(true);
  });
});
