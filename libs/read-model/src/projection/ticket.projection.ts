import type { PoolClient } from 'pg';
import type { ActorRole, Assignee, TicketEvent } from '@app/domain';

export interface ProjectedEvent {
  readonly streamVersion: number;
  readonly event: TicketEvent;
}

/** The version a ticket's row has reached in a read model schema; 0 when it has no row. */
export async function readModelVersion(
  client: PoolClient,
  schema: string,
  ticketId: number,
): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    `SELECT version FROM ${schema}.tickets WHERE ticket_id = $1`,
    [ticketId],
  );
  return rows[0]?.version ?? 0;
}

/** Writes one ticket event into the read model tables of a schema (read_model, or read_model_next in a rebuild). */
export async function projectTicketEvent(
  client: PoolClient,
  schema: string,
  { streamVersion, event }: ProjectedEvent,
): Promise<void> {
  const at = event.metadata.occurredAt;
  const ticketId = event.data.ticketId;
  switch (event.type) {
    case 'TicketOpened': {
      const d = event.data;
      await client.query(
        `INSERT INTO ${schema}.tickets
           (ticket_id, account_id, subject, description, topic, property_id, status, created_at, updated_at, version,
            last_author, last_message_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'Open', $7, $7, $8, $9, $7) ON CONFLICT (ticket_id) DO NOTHING`,
        [
          ticketId,
          d.accountId,
          d.subject,
          d.description,
          d.topic,
          d.propertyId,
          at,
          streamVersion,
          event.metadata.actor.role,
        ],
      );
      return;
    }
    case 'MessageAdded':
      // one round trip: the message row and the ticket's version move in one statement
      await client.query(
        `WITH added AS (
           INSERT INTO ${schema}.messages (message_id, ticket_id, message, author_type, created_at)
           VALUES ($4, $1, $5, $6, $3) ON CONFLICT (message_id) DO NOTHING
         )
         UPDATE ${schema}.tickets
            SET version = $2, updated_at = $3::timestamptz,
                message_count = message_count + 1,
                last_author = $6, last_message_at = $3::timestamptz
          WHERE ticket_id = $1`,
        [
          ticketId,
          streamVersion,
          at,
          event.data.messageId,
          event.data.message,
          event.data.authorType,
        ],
      );
      return;
    case 'InternalNoteAdded':
      // staff only: neither the customer's version nor the time of its last change move
      await client.query(
        `WITH added AS (
           INSERT INTO ${schema}.messages (message_id, ticket_id, message, author_type, created_at, internal)
           VALUES ($3, $1, $4, 'staff', $5, true) ON CONFLICT (message_id) DO NOTHING
         )
         UPDATE ${schema}.tickets
            SET version = $2, staff_only_events = staff_only_events + 1, note_count = note_count + 1
          WHERE ticket_id = $1`,
        [ticketId, streamVersion, event.data.noteId, event.data.note, at],
      );
      return;
    case 'AttachmentAdded':
    case 'NoteAttachmentAdded': {
      const row = attachmentRow(event);
      await client.query(
        `INSERT INTO ${schema}.attachments (attachment_id, ticket_id, message_id, file_name, content_type,
           size_bytes, sha256, object_key, uploaded_by, created_at, internal)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (attachment_id) DO NOTHING`,
        [
          row.attachmentId,
          ticketId,
          row.messageId,
          row.fileName,
          row.contentType,
          row.size,
          row.sha256,
          row.objectKey,
          row.uploadedBy,
          at,
          row.internal,
        ],
      );
      return row.internal
        ? bumpStaffOnly(client, schema, ticketId, streamVersion)
        : bump(client, schema, ticketId, streamVersion, at);
    }
    case 'TicketReopened':
      return bump(
        client,
        schema,
        ticketId,
        streamVersion,
        at,
        `status = 'Open', resolved_at = NULL`,
      );
    case 'TicketResolved':
      return bump(
        client,
        schema,
        ticketId,
        streamVersion,
        at,
        `status = 'Resolved', resolved_at = $3`,
      );
    case 'TicketStatusChanged':
      return bump(client, schema, ticketId, streamVersion, at, 'status = $4', [event.data.to]);
    case 'TicketClosed':
      return bump(client, schema, ticketId, streamVersion, at, `status = 'Closed', closed_at = $3`);
    case 'TicketAssigned': {
      const { agentId, name, group } = assigneeColumns(event.data.assignee);
      return bumpStaffOnly(
        client,
        schema,
        ticketId,
        streamVersion,
        'assignee_agent_id = $3, assignee_name = $4, assignee_group = $5',
        [agentId, name, group],
      );
    }
    case 'TicketPriorityChanged':
      return bumpStaffOnly(client, schema, ticketId, streamVersion, 'priority = $3', [
        event.data.to,
      ]);
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${(unhandled as { type: string }).type}`);
    }
  }
}

async function bump(
  client: PoolClient,
  schema: string,
  ticketId: number,
  version: number,
  at: string,
  set = '',
  extra: unknown[] = [],
): Promise<void> {
  await client.query(
    `UPDATE ${schema}.tickets
        SET version = $2, updated_at = $3::timestamptz${set ? `, ${set}` : ''}
      WHERE ticket_id = $1`,
    [ticketId, version, at, ...extra],
  );
}

/** A staff-only event: the version moves, what a customer reads of the row (its version, updatedAt) does not. */
async function bumpStaffOnly(
  client: PoolClient,
  schema: string,
  ticketId: number,
  version: number,
  set = '',
  extra: unknown[] = [],
): Promise<void> {
  await client.query(
    `UPDATE ${schema}.tickets SET version = $2, staff_only_events = staff_only_events + 1${set ? `, ${set}` : ''}
      WHERE ticket_id = $1`,
    [ticketId, version, ...extra],
  );
}

/** An assignee as the tickets table holds it: an agent's id and name, or a group, or all null. */
export function assigneeColumns(assignee: Assignee | null): {
  agentId: number | null;
  name: string | null;
  group: string | null;
} {
  if (assignee === null) return { agentId: null, name: null, group: null };
  if ('agentId' in assignee) return { agentId: assignee.agentId, name: assignee.name, group: null };
  return { agentId: null, name: null, group: assignee.group };
}

/** A file as the attachments table holds it: a note's under the note's id, marked internal. */
export interface AttachmentRowValues {
  attachmentId: number;
  ticketId: number;
  messageId: number | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  objectKey: string;
  uploadedBy: ActorRole;
  internal: boolean;
}

export function attachmentRow(
  event: Extract<TicketEvent, { type: 'AttachmentAdded' | 'NoteAttachmentAdded' }>,
): AttachmentRowValues {
  if (event.type === 'AttachmentAdded') {
    const { objectKey, ...d } = event.data;
    return { ...d, objectKey, internal: false };
  }
  const { noteId, ...d } = event.data;
  return { ...d, messageId: noteId, uploadedBy: 'staff', internal: true };
}
