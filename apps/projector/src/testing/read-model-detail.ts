import type { Pool } from 'pg';
import { authorLabel } from '@app/domain';
import type { ActorRole } from '@app/domain';
import { assertSchemaName } from '../rebuild/read-model-ddl';

/**
 * A ticket as the read model of `schema` holds it, in the shape of GET /api/Ticket/{id} (plus the row's
 * message count), so a test can compare any read model with the ticket folded from the event store.
 */
export async function readModelDetail(pool: Pool, schema: string, ticketId: number) {
  assertSchemaName(schema);
  const { rows } = await pool.query<{ ticket: TicketJson | null }>(
    `SELECT json_build_object(
       'id', t.ticket_id, 'accountId', t.account_id, 'subject', t.subject, 'description', t.description,
       'topic', t.topic, 'propertyId', t.property_id, 'status', t.status,
       'createdAt', t.created_at, 'updatedAt', t.updated_at, 'resolvedAt', t.resolved_at,
       'closedAt', t.closed_at, 'version', t.version, 'messageCount', t.message_count,
       'messages', COALESCE((SELECT json_agg(json_build_object(
           'id', m.message_id, 'ticketId', m.ticket_id, 'message', m.message, 'authorType', m.author_type,
           'createdAt', m.created_at) ORDER BY m.message_id)
         FROM ${schema}.messages m WHERE m.ticket_id = t.ticket_id), '[]'),
       'attachments', COALESCE((SELECT json_agg(json_build_object(
           'id', a.attachment_id, 'ticketId', a.ticket_id, 'messageId', a.message_id,
           'fileName', a.file_name, 'contentType', a.content_type, 'size', a.size_bytes, 'sha256', a.sha256,
           'uploadedBy', a.uploaded_by, 'createdAt', a.created_at) ORDER BY a.attachment_id)
         FROM ${schema}.attachments a WHERE a.ticket_id = t.ticket_id), '[]')
     ) AS ticket
     FROM ${schema}.tickets t WHERE t.ticket_id = $1`,
    [ticketId],
  );
  const ticket = rows[0]?.ticket;
  if (!ticket) return null;
  const iso = (at: string | null) => (at === null ? null : new Date(at).toISOString());
  const attachments = ticket.attachments.map((a) => ({
    ...a,
    size: Number(a.size),
    uploadedByLabel: authorLabel(a.uploadedBy),
    createdAt: iso(a.createdAt),
  }));
  return {
    ...ticket,
    createdAt: iso(ticket.createdAt),
    updatedAt: iso(ticket.updatedAt),
    resolvedAt: iso(ticket.resolvedAt),
    closedAt: iso(ticket.closedAt),
    attachments,
    messages: ticket.messages.map((m) => ({
      ...m,
      authorLabel: authorLabel(m.authorType),
      createdAt: iso(m.createdAt),
      attachments: attachments.filter((a) => a.messageId === m.id),
    })),
  };
}

interface TicketJson {
  id: number;
  accountId: string;
  subject: string;
  description: string;
  topic: string;
  propertyId: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  version: number;
  messageCount: number;
  messages: {
    id: number;
    ticketId: number;
    message: string;
    authorType: ActorRole;
    createdAt: string;
  }[];
  attachments: {
    id: number;
    ticketId: number;
    messageId: number | null;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    uploadedBy: ActorRole;
    createdAt: string;
  }[];
}
