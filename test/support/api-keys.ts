import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { generateApiKey } from '@app/platform/auth/api-key';
import { PgApiKeyRepository } from '@app/platform/auth/pg-api-key.repository';
import { createPool } from '@app/platform/db/database';
import { PgAgentDirectory } from '../../apps/ticket-api/src/agents/pg-agent.directory';
import { endpoints } from './endpoints';

let pool: Pool | undefined;

export const testPool = (): Pool => (pool ??= createPool(endpoints().DATABASE_URL, 4, 'tests'));

export const closeTestPool = async (): Promise<void> => {
  await pool?.end();
  pool = undefined;
};

export const newAccountId = (): string => `acct-${randomUUID().slice(0, 8)}`;

export async function customerKey(accountId: string): Promise<string> {
  const key = generateApiKey();
  await new PgApiKeyRepository(testPool()).create(key, 'customer', accountId);
  return key;
}

export async function staffKey(): Promise<string> {
  const key = generateApiKey();
  await new PgApiKeyRepository(testPool()).create(key, 'staff', null);
  return key;
}

/** A staff key of the agent with this name (created on first use), in these groups. */
export async function agentKey(
  name: string,
  groups: readonly string[] = [],
): Promise<{ key: string; agentId: number }> {
  const agent = await new PgAgentDirectory(testPool()).ensure(name, groups);
  const key = generateApiKey();
  await new PgApiKeyRepository(testPool()).create(key, 'staff', null, agent.id);
  return { key, agentId: agent.id };
}
