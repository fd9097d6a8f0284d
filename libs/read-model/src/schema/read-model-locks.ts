import type { PoolClient } from 'pg';
import { readModelNotificationKey } from './read-model-notifications';

/** Advisory lock class of the guard between projector transactions (shared) and a rebuild's swap (exclusive). */
const SWAP_GUARD = 7_340_010;

/**
 * Taken first in every projector transaction, in one round trip: the shared swap guard (a rebuild's swap waits
 * for the transactions in flight and holds new ones back, so no event is written to tables being swapped out),
 * then the tickets' locks, one transaction per ticket at a time even before its row exists (two replicas during
 * a rebalance, or a gap repair), in one order so that two batches never deadlock. The subqueries are not
 * flattened (a volatile call, an ORDER BY), so the guard comes before the tickets' locks.
 */
export async function guardAndLockTickets(
  client: PoolClient,
  schema: string,
  ticketIds: readonly number[],
): Promise<void> {
  await client.query(
    `SELECT count(pg_advisory_xact_lock(hashtextextended(keys.key, 0)))
     FROM (SELECT pg_advisory_xact_lock_shared($1, hashtext($2))) AS guarded,
          (SELECT key FROM unnest($3::text[]) AS key ORDER BY key COLLATE "C") AS keys`,
    [SWAP_GUARD, schema, [...new Set(ticketIds)].map((id) => readModelNotificationKey(schema, id))],
  );
}

export async function lockForSwap(client: PoolClient, schema: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SWAP_GUARD, schema]);
}
