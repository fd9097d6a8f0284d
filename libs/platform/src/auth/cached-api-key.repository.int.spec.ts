import type { Pool } from 'pg';
import { waitFor } from '../../../../test/setup/wait-for';
import { createPool } from '../db/database';
import { generateApiKey } from './api-key';
import type { ApiKeyRepository } from './api-key.repository';
import { CachedApiKeyRepository, UNKNOWN_KEY_TTL_MS } from './cached-api-key.repository';
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

  const instance = async (store: ApiKeyRepository, now?: () => number) => {
    const cached = new CachedApiKeyRepository(store, DATABASE_URL, now);
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

  it('an unknown key sent again is answered from memory, without a database round trip', async () => {
    const unknown = generateApiKey();
    const { lookups, store } = counted(keys);
    const cached = await instance(store);

    expect(await cached.findActiveByKey(unknown)).toBeNull();
    expect(await cached.findActiveByKey(unknown)).toBeNull();

    expect(lookups.count).toBe(1);
  });

  it('forgets an unknown key after its short TTL, and asks the database again', async () => {
    const unknown = generateApiKey();
    const { lookups, store } = counted(keys);
    const clock = { now: 1_000_000 };
    const cached = await instance(store, () => clock.now);
    await cached.findActiveByKey(unknown);

    clock.now += UNKNOWN_KEY_TTL_MS + 1;
    await cached.findActiveByKey(unknown);

    expect(lookups.count).toBe(2);
  });

  it('a key looked up before it existed works at every instance once its creation is committed', async () => {
    const key = generateApiKey();
    const [first, second] = [await instance(keys), await instance(keys)];
    expect(await first.findActiveByKey(key)).toBeNull();
    expect(await second.findActiveByKey(key)).toBeNull();

    const created = await keys.create(key, 'customer', 'acct-cache');

    const foundByAll = async () =>
      (await first.findActiveByKey(key))?.id === created.id &&
      (await second.findActiveByKey(key))?.id === created.id;
    await waitFor('both instances finding the new key', foundByAll, 2_000, 5);
  });
});
