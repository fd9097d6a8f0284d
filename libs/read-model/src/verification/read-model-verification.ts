import type { PoolClient } from 'pg';
import { TICKET_ID_FROM, TICKET_STREAMS_LIKE, ticketStreamId } from '@app/domain';

export interface Mismatch {
  readonly ticketId: number;
  readonly store: { version: number; messages: number; attachments: number } | null;
  readonly readModel: {
    version: number;
    messageCount: number;
    messages: number;
    attachments: number;
  } | null;
}

export interface Verification {
  readonly tickets: number;
  readonly events: number;
  readonly messages: number;
  readonly attachments: number;
  readonly mismatches: readonly Mismatch[];
}

/** Tickets whose stream in the store is ahead of their row (or has no row) in `schema`. */
export async function behindTheStore(client: PoolClient, schema: string): Promise<number[]> {
  const { rows } = await client.query<{ ticket_id: string }>(
    `SELECT s.ticket_id FROM (
       SELECT substring(stream_id FROM ${TICKET_ID_FROM})::bigint AS ticket_id, max(stream_version) AS version
       FROM events WHERE stream_id LIKE '${TICKET_STREAMS_LIKE}' GROUP BY stream_id) s
     LEFT JOIN ${schema}.tickets t USING (ticket_id)
     WHERE t.version IS NULL OR t.version < s.version
     ORDER BY s.ticket_id`,
  );
  return rows.map((r) => Number(r.ticket_id));
}

/** Tickets whose row in the live read model is ahead of (or missing from) the rebuilt one. */
export async function behindTheLive(
  client: PoolClient,
  next: string,
  live: string,
): Promise<number[]> {
  const { rows } = await client.query<{ ticket_id: string }>(
    `SELECT l.ticket_id FROM ${live}.tickets l LEFT JOIN ${next}.tickets n USING (ticket_id)
     WHERE n.version IS NULL OR n.version < l.version
     ORDER BY l.ticket_id`,
  );
  return rows.map((r) => Number(r.ticket_id));
}

interface VerificationRow {
  ticket_id: string;
  store_version: number | null;
  store_messages: number | null;
  store_attachments: number | null;
  model_version: number | null;
  model_message_count: number | null;
  model_messages: number | null;
  model_attachments: number | null;
}

/** Each ticket of the store (or only `ticketIds`) against its row: version, message count, messages, attachments. */
export async function verify(
  client: PoolClient,
  schema: string,
  ticketIds?: readonly number[],
): Promise<Verification> {
  if (ticketIds?.length === 0) {
    return { tickets: 0, events: 0, messages: 0, attachments: 0, mismatches: [] };
  }
  // scoped to some tickets, both sides use their indexes; unscoped, both are read whole
  const [storeFilter, modelFilter, params] = ticketIds
    ? [
        'stream_id = ANY ($1::text[])',
        't.ticket_id = ANY ($2::bigint[])',
        [ticketIds.map(ticketStreamId), [...ticketIds]],
      ]
    : [`stream_id LIKE '${TICKET_STREAMS_LIKE}'`, 'TRUE', []];
  const { rows: totals } = await client.query<{
    tickets: string;
    events: string;
    messages: string;
    attachments: string;
  }>(
    `SELECT count(*) AS tickets, coalesce(sum(t.version), 0) AS events,
            coalesce(sum((SELECT count(*) FROM ${schema}.messages m WHERE m.ticket_id = t.ticket_id)), 0) AS messages,
            coalesce(sum((SELECT count(*) FROM ${schema}.attachments a WHERE a.ticket_id = t.ticket_id)), 0) AS attachments
     FROM ${schema}.tickets t WHERE ${ticketIds ? 't.ticket_id = ANY ($1::bigint[])' : 'TRUE'}`,
    ticketIds ? [[...ticketIds]] : [],
  );
  const { rows } = await client.query<VerificationRow>(
    `WITH store AS (
       SELECT substring(stream_id FROM ${TICKET_ID_FROM})::bigint AS ticket_id,
              max(stream_version) AS version,
              count(*) FILTER (WHERE event_type = 'MessageAdded')::int AS messages,
              count(*) FILTER (WHERE event_type = 'InternalNoteAdded')::int AS notes,
              count(*) FILTER (WHERE event_type IN ('AttachmentAdded', 'NoteAttachmentAdded'))::int
                AS attachments
       FROM events WHERE ${storeFilter} GROUP BY stream_id),
     model AS (
       SELECT t.ticket_id, t.version, t.message_count, t.note_count,
              (SELECT count(*) FROM ${schema}.messages m
                WHERE m.ticket_id = t.ticket_id AND NOT m.internal)::int AS messages,
              (SELECT count(*) FROM ${schema}.messages m
                WHERE m.ticket_id = t.ticket_id AND m.internal)::int AS notes,
              (SELECT count(*) FROM ${schema}.attachments a WHERE a.ticket_id = t.ticket_id)::int AS attachments
       FROM ${schema}.tickets t WHERE ${modelFilter})
     SELECT coalesce(s.ticket_id, m.ticket_id) AS ticket_id,
            s.version AS store_version, s.messages AS store_messages, s.attachments AS store_attachments,
            m.version AS model_version, m.message_count AS model_message_count,
            m.messages AS model_messages, m.attachments AS model_attachments
     FROM store s FULL JOIN model m ON m.ticket_id = s.ticket_id
     WHERE s.version IS DISTINCT FROM m.version
        OR s.messages IS DISTINCT FROM m.messages
        OR s.messages IS DISTINCT FROM m.message_count
        OR s.attachments IS DISTINCT FROM m.attachments
        OR s.notes IS DISTINCT FROM m.notes
        OR s.notes IS DISTINCT FROM m.note_count
     ORDER BY 1 LIMIT 100`,
    params,
  );
  const t = totals[0];
  return {
    tickets: Number(t.tickets),
    events: Number(t.events),
    messages: Number(t.messages),
    attachments: Number(t.attachments),
    mismatches: rows.map((r) => ({
      ticketId: Number(r.ticket_id),
      store:
        r.store_version === null
          ? null
          : {
              version: r.store_version,
              messages: r.store_messages ?? 0,
              attachments: r.store_attachments ?? 0,
            },
      readModel:
        r.model_version === null
          ? null
          : {
              version: r.model_version,
              messageCount: r.model_message_count ?? 0,
              messages: r.model_messages ?? 0,
              attachments: r.model_attachments ?? 0,
            },
    })),
  };
}
