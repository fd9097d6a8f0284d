import type { PoolClient } from 'pg';
import { ERASED } from '@app/event-store';
import { assertSchemaName } from '../schema/read-model-schema';
import {
  READ_MODEL_CHANNEL,
  readModelNotificationPayloads,
} from '../schema/read-model-notifications';

/**
 * AccountDataErased: the account's personal fields in the read model read as ERASED, like its events do once
 * their key is gone, so the projection, a rebuild and asOf agree. Versions stay: nothing was appended to the
 * tickets. Returns the tickets blanked.
 */
export async function projectAccountErasure(
  client: PoolClient,
  schema: string,
  accountId: string,
): Promise<number> {
  assertSchemaName(schema);
  const { rows } = await client.query<{ ticket_id: string }>(
    `UPDATE ${schema}.tickets SET subject = $2, description = $2
     WHERE account_id = $1 RETURNING ticket_id`,
    [accountId, ERASED],
  );
  const tickets = rows.map((r) => r.ticket_id);
  await client.query(
    `UPDATE ${schema}.messages SET message = $2 WHERE ticket_id = ANY ($1::bigint[])`,
    [tickets, ERASED],
  );
  await client.query(
    `UPDATE ${schema}.attachments SET file_name = $2 WHERE ticket_id = ANY ($1::bigint[])`,
    [tickets, ERASED],
  );
  // readers that cache a ticket (ticket-api) drop it at this commit
  await client.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
    READ_MODEL_CHANNEL,
    readModelNotificationPayloads(schema, tickets.map(Number)),
  ]);
  return tickets.length;
}
