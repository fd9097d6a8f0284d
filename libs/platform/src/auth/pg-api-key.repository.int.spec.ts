import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '../db/database';
import { API_KEY_PREFIX, displayPrefix, generateApiKey } from './api-key';
import { PgApiKeyRepository } from './pg-api-key.repository';

const DATABASE_URL = process.env.DATABASE_URL ?? '';

/** Two keys whose 10-character display prefix is the same, as 36 random bits allow. */
const keysSharingAPrefix = (): [string, string] => {
  const shared = API_KEY_PREFIX + randomBytes(6).toString('base64url').slice(0, 6);
  return [shared + generateApiKey().slice(10), shared + generateApiKey().slice(10)];
};

describe('PgApiKeyRepository.revoke (Postgres)', () => {
  let pool: Pool;
  let keys: PgApiKeyRepository;

  beforeAll(() => {
    pool = createPool(DATABASE_URL, 2, 'api-key-repository-int');
    keys = new PgApiKeyRepository(pool);
  });
  afterAll(() => pool.end());

  it('revokes nothing when a prefix matches two active keys, and says two matched', async () => {
    const [first, second] = keysSharingAPrefix();
    await keys.create(first, 'customer', 'acct-prefix');
    await keys.create(second, 'staff', null);

    expect(await keys.revoke(displayPrefix(first))).toBe(2);

    expect((await keys.findActiveByKey(first))?.revokedAt).toBeNull();
    expect((await keys.findActiveByKey(second))?.revokedAt).toBeNull();
  });

  it('revokes the one active key a prefix matches, and only it', async () => {
    const [first, second] = keysSharingAPrefix();
    const revokedEarlier = await keys.create(first, 'customer', 'acct-prefix');
    await keys.revoke(revokedEarlier.id);
    await keys.create(second, 'customer', 'acct-prefix');

    expect(await keys.revoke(displayPrefix(second))).toBe(1);

    expect(await keys.findActiveByKey(second)).toBeNull();
  });
});
