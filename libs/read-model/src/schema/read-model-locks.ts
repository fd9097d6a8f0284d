import type { PoolClient } from 'pg';
import { READ_MODEL_CHANNEL, readModelNotificationKey } from './read-model-notifications';

/** Advisory lock class of the guard between projector transactions (shared) and a rebuild's swap (exclusive). */
const SWAP_GUARD = 7_340_010;

/**
 * Taken first in every projector transaction, in one round trip: the shared swap guard (a rebuild's swap waits
 * for the transactions in flight and holds new ones back, so no event is written to tables being swapped out),
 * then the ticket's lock, one ticket at a time even before its row exists (two replicas during a rebalance, or
 * a gap repair). The subquery is volatile, so never flattened: the guard is taken before the ticket's lock.
 * The same statement queues the ticket's READ_MODEL_CHANNEL notification, which PostgreSQL sends at commit
 * (never on rollback), so readers waiting for a version learn of it without an extra round trip.
 */
export async function guardAndLockTicket(
  client: PoolClient,
  schema: string,
  ticketId: number,
): Promise<void> {
  await client.query(
    `SELECT pg_advisory_xact_lock(hashtextextended($3, 0)), pg_notify($4, $3)
     FROM (SELECT pg_advisory_xact_lock_shared($1, hashtext($2))) AS guarded`,
    [SWAP_GUARD, schema, readModelNotificationKey(schema, ticketId), READ_MODEL_CHANNEL],
  );
}

export async function lockForSwap(client: PoolClient, schema: string): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [SWAP_GUARD, schema]);
}
