import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '../db/database';
import { PgTokenBuckets } from './pg-token-buckets';

const DATABASE_URL = process.env.DATABASE_URL ?? '';

describe('PgTokenBuckets (Postgres)', () => {
  let pool: Pool;

  beforeAll(() => {
    pool = createPool(DATABASE_URL, 8, 'token-buckets-int');
  });
  afterAll(() => pool.end());

  it('hands out a lease of whole tokens from a new key’s full bucket', async () => {
    const buckets = new PgTokenBuckets(pool, { perSecond: 0.001, burst: 10 });
    const key = randomUUID();
    expect(await buckets.lease(key, 4)).toEqual({ granted: 4, tokens: 6 });
    const second = await buckets.lease(key, 4);
    expect(second.granted).toBe(4);
    expect(second.tokens).toBeCloseTo(2, 1);
  });

  it('grants no more than the bucket holds however many leases race for it', async () => {
    const buckets = new PgTokenBuckets(pool, { perSecond: 0.001, burst: 50 });
    const key = randomUUID();
    const leases = await Promise.all(Array.from({ length: 24 }, () => buckets.lease(key, 3)));
    const granted = leases.reduce((sum, lease) => sum + lease.granted, 0);
    expect(granted).toBe(50);
    expect(leases.filter((lease) => lease.granted === 0).length).toBeGreaterThan(0);
    expect(Math.min(...leases.map((lease) => lease.tokens))).toBeGreaterThanOrEqual(0);
  });
});
