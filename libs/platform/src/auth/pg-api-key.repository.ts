import type { Pool } from 'pg';
import type { KeyRole } from './principal';
import { displayPrefix, hashApiKey } from './api-key';
import type { ApiKeyRepository, StoredApiKey } from './api-key.repository';

interface ApiKeyRow {
  id: string;
  key_prefix: string;
  role: KeyRole;
  account_id: string | null;
  agent_id: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

const COLUMNS = 'id, key_prefix, role, account_id, agent_id, created_at, revoked_at';

const toStored = (row: ApiKeyRow): StoredApiKey => ({
  id: row.id,
  keyPrefix: row.key_prefix,
  role: row.role,
  accountId: row.account_id,
  agentId: row.agent_id === null ? null : Number(row.agent_id),
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

export class PgApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly pool: Pool) {}

  async create(
    key: string,
    role: KeyRole,
    accountId: string | null,
    agentId: number | null = null,
  ): Promise<StoredApiKey> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `INSERT INTO api_keys (key_hash, key_prefix, role, account_id, agent_id) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${COLUMNS}`,
      [hashApiKey(key), displayPrefix(key), role, accountId, agentId],
    );
    return toStored(rows[0]);
  }

  async findActiveByKey(key: string): Promise<StoredApiKey | null> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hashApiKey(key)],
    );
    return rows[0] ? toStored(rows[0]) : null;
  }

  async list(): Promise<StoredApiKey[]> {
    const { rows } = await this.pool.query<ApiKeyRow>(
      `SELECT ${COLUMNS} FROM api_keys ORDER BY created_at`,
    );
    return rows.map(toStored);
  }

  /** One statement, so the count that decides is the set that is revoked. */
  async revoke(idOrPrefix: string): Promise<number> {
    const { rows } = await this.pool.query<{ matched: number }>(
      `WITH matched AS (
         SELECT id FROM api_keys
         WHERE revoked_at IS NULL AND (id::text = $1 OR key_prefix = $1)
         FOR UPDATE
       ), revoked AS (
         UPDATE api_keys SET revoked_at = now()
         WHERE id IN (SELECT id FROM matched) AND (SELECT count(*) FROM matched) = 1
       )
       SELECT count(*)::int AS matched FROM matched`,
      [idOrPrefix],
    );
    return rows[0].matched;
  }
}
