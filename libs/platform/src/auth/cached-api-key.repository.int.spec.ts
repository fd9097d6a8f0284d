import type { Pool } from 'pg';
import { waitFor } from '../../../../test/setup/wait-for';
import { createPool } from '../db/database';
import { generateApiKey } from './api-key';
import type { ApiKeyRepository } from './api-key.repository';
import { CachedApiKeyRepository } from './cached-api-key.repository';
import { PgApiKeyRepository } from './pg-api-key.repository';

const DATABASE_URL = process.env.DATABASE_URL ?? '';

/** The store with a count of the lookups that reached it. */
const counted = (store: ApiKeyRepository) => {
  const lookups = { count: 0 };
  const findActiveByKey = (key: string) => {
    lookups.count += 1;
    return store.findActiveByKey(key);
  };
  return {
    lookups,
    store: Object.assign(Object.create(store) as ApiKeyRepository, { findActiveByKey }),
  };
};

describe('CachedApiKeyRepository (Postgres, LISTEN/NOTIFY)', () => {
  let pool: Pool;
  let keys: PgApiKeyRepository;
  const instances: CachedApiKeyRepository[] = [];

  const instance = async (store: ApiKeyRepository) => {
    const cached = new CachedApiKeyRepository(store, DATABASE_URL);
    instances.push(cached);
    await cached.listen();
    return cached;
  };

  beforeAll(() => {
    pool = createPool(DATABASE_URL, 2, 'api-key-cache-int');
    keys = new PgApiKeyRepository(pool);
  });
  afterAll(async () => {
    await Promise.all(instances.map((cached) => cached.close()));
    await pool.end();
  });

  it('a key looked up once is served again without a database round trip', async () => {
    const key = generateApiKey();
    const created = await keys.create(key, 'customer', 'acct-cache');
    const { lookups, store } = counted(keys);
    const cached = await instance(store);
    expect((await cached.findActiveByKey(key))?.id).toBe(created.id);
    expect((await cached.findActiveByKey(key))?.id).toBe(created.id);
    expect(lookups.count).toBe(1);
  });

  it('a key revoked elsewhere is refused by every instance once the change is committed', async () => {
    const key = generateApiKey();
    const created = await keys.create(key, 'staff', null);
    const first = await instance(keys);
    const second = await instance(keys);
    expect((await first.findActiveByKey(key))?.id).toBe(created.id);
    expect((await second.findActiveByKey(key))?.id).toBe(created.id);

    expect(await keys.revoke(created.id)).toBe(1);

    const refusedByAll = async () =>
      (await first.findActiveByKey(key)) === null && (await second.findActiveByKey(key)) === null;
    await waitFor('both instances refusing the revoked key', refusedByAll, 2_000, 5);
    expect(await first.findActiveByKey(key)).toBeNull();
    expect(await second.findActiveByKey(key)).toBeNull();
  });

  it('an unknown key is not cached: a key created after a miss works at once', async () => {
    const key = generateApiKey();
    const cached = await instance(keys);
    expect(await cached.findActiveByKey(key)).toBeNull();
    const created = await keys.create(key, 'customer', 'acct-cache');
    expect((await cached.findActiveByKey(key))?.id).toBe(created.id);
  });
});
