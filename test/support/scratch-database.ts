import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool } from '@app/platform/db/database';
import { migrate } from '@app/platform/db/migrate';
import { endpoints } from './endpoints';

export interface ScratchDatabase {
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own, for a test that tampers with what every other test shares; `migrationsDir`
 * migrates it only as far as that folder goes.
 */
export async function scratchDatabase(
  prefix: string,
  migrationsDir?: string,
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = createPool(endpoints().DATABASE_URL, 1, 'scratch-admin');
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(endpoints().DATABASE_URL);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 4, prefix);
  await migrate(pool, migrationsDir);
  return {
    url: url.toString(),
    pool,
    drop: async () => {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
