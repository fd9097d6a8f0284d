import { Pool } from 'pg';
import type { PoolClient } from 'pg';

export const PG_POOL = Symbol('PG_POOL');

export function createPool(connectionString: string, max: number, applicationName: string): Pool {
  const pool = new Pool({ connectionString, max, application_name: applicationName });
  // an idle client's error (server restart) must not crash the process; the next query reconnects
  pool.on('error', () => undefined);
  // nor a checked-out one's: pg emits the server's "terminating connection" on the client as well as to its
  // query, and the pool listens only while the client is idle
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

export async function withTransaction<T>(
  pool: Pool,
  work: (client: PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export const isUniqueViolation = (error: unknown, constraint?: string): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: string }).code === '23505' &&
  (constraint === undefined || (error as { constraint?: string }).constraint === constraint);

/** Closes the pool when the app shuts down, after everything that uses it. */
export const poolLifecycleProvider = (pool: Pool) => ({
  provide: 'PG_POOL_LIFECYCLE',
  useValue: { onApplicationShutdown: () => pool.end() },
});

export const databaseAnswers = (pool: Pool): Promise<boolean> =>
  pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
