import type { Pool } from 'pg';
import { TICKET_PERSONAL_FIELDS, ticketStreamId } from '@app/domain';
import { ERASED } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import { DEFAULT_READ_MODEL_SCHEMA, projectAccountErasure } from '@app/read-model';

/** Every name a personal field has, in events and in the API's answers built from them. */
const PERSONAL_KEYS = new Set(Object.values(TICKET_PERSONAL_FIELDS).flat());

/** A JSON value with every personal field (at any depth) replaced by ERASED. */
export function blankPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(blankPersonal);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      PERSONAL_KEYS.has(key) && typeof v === 'string' ? ERASED : blankPersonal(v),
    ]),
  );
}

export interface Scrubbed {
  readonly tickets: number;
  readonly idempotencyRecords: number;
  readonly webhookDeliveries: number;
  readonly deadLetters: number;
}

/**
 * What holds the account's plaintext outside the events, besides the read model the projector blanks too:
 * stored Idempotency-Key answers, webhook delivery payloads and dead letters written before their event was
 * sealed. Blanked in place (not deleted), so a retried request still replays instead of running twice.
 */
export async function scrubResidualPlaintext(
  pool: Pool,
  accountId: string,
  schema = DEFAULT_READ_MODEL_SCHEMA,
): Promise<Scrubbed> {
  return withTransaction(pool, async (client) => {
    const tickets = await projectAccountErasure(client, schema, accountId);
    const { rows: ids } = await client.query<{ ticket_id: string }>(
      `SELECT ticket_id FROM ${schema}.tickets WHERE account_id = $1`,
      [accountId],
    );
    const ticketIds = ids.map((r) => r.ticket_id);
    const streams = ticketIds.map((id) => ticketStreamId(Number(id)));

    const { rows: records } = await client.query<{
      api_key_id: string;
      idempotency_key: string;
      body: unknown;
    }>(
      `SELECT i.api_key_id, i.idempotency_key, i.response_body AS body
       FROM idempotency_keys i JOIN api_keys k ON k.id = i.api_key_id
       WHERE i.response_body IS NOT NULL AND (k.account_id = $1 OR i.response_body->>'accountId' = $1
         OR i.response_body->>'ticketId' = ANY ($2::text[])
         OR (i.response_body ? 'subject' AND i.response_body->>'id' = ANY ($2::text[])))`,
      [accountId, ticketIds],
    );
    for (const r of records) {
      await client.query(
        'UPDATE idempotency_keys SET response_body = $3 WHERE api_key_id = $1 AND idempotency_key = $2',
        [r.api_key_id, r.idempotency_key, JSON.stringify(blankPersonal(r.body))],
      );
    }

    const { rows: deliveries } = await client.query<{ id: string; payload: unknown }>(
      `SELECT d.id, d.payload FROM webhook_deliveries d
       JOIN webhook_endpoints w ON w.id = d.endpoint_id WHERE w.account_id = $1`,
      [accountId],
    );
    for (const d of deliveries) {
      await client.query('UPDATE webhook_deliveries SET payload = $2 WHERE id = $1', [
        d.id,
        JSON.stringify(blankPersonal(d.payload)),
      ]);
    }

    const { rows: letters } = await client.query<{ id: string; payload: string }>(
      'SELECT id, payload FROM projector_dead_letters',
    );
    let deadLetters = 0;
    for (const letter of letters) {
      const parsed = parseJson(letter.payload) as { streamId?: unknown } | undefined;
      if (typeof parsed?.streamId !== 'string' || !streams.includes(parsed.streamId)) continue;
      await client.query('UPDATE projector_dead_letters SET payload = $2 WHERE id = $1', [
        letter.id,
        JSON.stringify(blankPersonal(parsed)),
      ]);
      deadLetters += 1;
    }
    return {
      tickets,
      idempotencyRecords: records.length,
      webhookDeliveries: deliveries.length,
      deadLetters,
    };
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
