import { writeCheckpoint } from '@app/event-store';
import { waitFor } from '../setup/wait-for';
import type { Pool, PoolClient } from 'pg';

const PROTECTED = [
  'events',
  'audit_checkpoints',
  'audit_checkpoint_heads',
  'audit_checkpoint_signatures',
];

/** What an owner of the database can do: every user trigger off (the chain's included) for one transaction. */
export async function asDatabaseOwner(
  pool: Pool,
  work: (client: PoolClient) => Promise<unknown>,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (const table of PROTECTED) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    await work(client);
    for (const table of PROTECTED) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Writes checkpoints (as several instances at once would) until one records the stream's current head; a
 * transaction open anywhere on the server holds the checkpoint's horizon back. Returns that checkpoint's id.
 */
export async function checkpointThrough(
  pool: Pool,
  streamId: string,
  writers = 1,
): Promise<string> {
  let id: string | null = null;
  await waitFor(
    `a checkpoint through the head of ${streamId}`,
    async () => {
      await Promise.all(Array.from({ length: writers }, () => writeCheckpoint(pool, 0)));
      const { rows } = await pool.query<{ id: string | null }>(
        `SELECT max(h.checkpoint_id)::text AS id FROM audit_checkpoint_heads h
         WHERE h.stream_id = $1
           AND h.stream_version = (SELECT max(stream_version) FROM events WHERE stream_id = $1)`,
        [streamId],
      );
      id = rows[0].id;
      return id !== null;
    },
    15_000,
    50,
  );
  return id!;
}
