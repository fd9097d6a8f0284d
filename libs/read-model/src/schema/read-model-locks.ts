import type { PoolClient } from 'pg';

/** Advisory lock class of the guard between projector transactions (shared) and a rebuild's swap (exclusive). */
const SWAP_GUARD = 7_340_010;

/**
 * Taken first in every projector transaction: a rebuild's swap waits for the transactions in flight and holds
 * new ones back, so no event is written to tables that are being swapped out.
 */
export async function guardAgainstSwap(client: PoolClient, schema: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [SWAP_GUARD, schema]);
}

export async function lockForSwap(client: PoolClient, schema: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SWAP_GUARD, schema]);
}

/** One ticket at a time, even before its row exists (two replicas during a rebalance, or a gap repair). */
export async function lockTicket(
  client: PoolClient,
  schema: string,
  ticketId: number,
): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [
    `${schema}:${ticketId}`,
  ]);
}
