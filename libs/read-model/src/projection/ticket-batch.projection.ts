import type { PoolClient } from 'pg';
import { isVisibleTo } from '@app/domain';
import type { ActorRole, TicketEvent } from '@app/domain';
import {
  READ_MODEL_CHANNEL,
  readModelNotificationPayloads,
} from '../schema/read-model-notifications';
import { assigneeColumns, attachmentRow } from './ticket.projection';
import type { AttachmentRowValues } from './ticket.projection';
import type { ProjectedEvent } from './ticket.projection';

/** What a run of events changes in one ticket's row, besides the rows they add. */
interface TicketChange {
  ticketId: number;
  version: number;
  /** Staff-only events: the customer's version (version minus these) and last change do not move with them. */
  staffOnlyEvents: number;
  updatedAt: string | null;
  added: number;
  notes: number;
  status: string | null;
  resolvedAt?: string | null;
  closedAt?: string;
  priority: string | null;
  assignee?: ReturnType<typeof assigneeColumns>;
  lastAuthor: string | null;
  lastAt: string | null;
}

/** A reply or an internal note, as a row of the thread. */
interface ThreadRow {
  readonly id: number;
  readonly ticketId: number;
  readonly text: string;
  readonly author: ActorRole;
  readonly at: string;
  readonly internal: boolean;
}

interface Rows {
  readonly opened: Extract<TicketEvent, { type: 'TicketOpened' }>[];
  readonly openedVersions: number[];
  readonly messages: ThreadRow[];
  readonly attachments: (AttachmentRowValues & { at: string })[];
  readonly changes: Map<number, TicketChange>;
}

/**
 * Writes events of several tickets (each ticket's consecutive and following its row, in version order) with a
 * few set-based statements, to the same rows as projectTicketEvent one by one, and queues one notification
 * naming the tickets advanced (sent at commit).
 */
export async function projectTicketEvents(
  client: PoolClient,
  schema: string,
  events: readonly ProjectedEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const rows = collect(events);
  if (rows.opened.length > 0) await insertOpened(client, schema, rows);
  if (rows.attachments.length > 0) await insertAttachments(client, schema, rows);
  const changes = [...rows.changes.values()];
  const m = rows.messages;
  await client.query(
    `WITH added AS (
       INSERT INTO ${schema}.messages (message_id, ticket_id, message, author_type, created_at, internal)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[], $24::bool[])
       ON CONFLICT (message_id) DO NOTHING
     ), moved AS (
       UPDATE ${schema}.tickets t
          SET version = c.version, staff_only_events = t.staff_only_events + c.staff_only_events,
              updated_at = coalesce(c.updated_at, t.updated_at), message_count = t.message_count + c.added,
              note_count = t.note_count + c.notes,
              status = coalesce(c.status, t.status),
              resolved_at = CASE WHEN c.set_resolved THEN c.resolved_at ELSE t.resolved_at END,
              closed_at = CASE WHEN c.set_closed THEN c.closed_at ELSE t.closed_at END,
              priority = coalesce(c.priority, t.priority),
              assignee_agent_id = CASE WHEN c.set_assignee THEN c.agent_id ELSE t.assignee_agent_id END,
              assignee_name = CASE WHEN c.set_assignee THEN c.agent_name ELSE t.assignee_name END,
              assignee_group = CASE WHEN c.set_assignee THEN c.agent_group ELSE t.assignee_group END,
              last_author = coalesce(c.last_author, t.last_author),
              last_message_at = coalesce(c.last_at, t.last_message_at)
         FROM unnest($6::bigint[], $7::int[], $8::timestamptz[], $9::int[], $10::text[], $11::bool[],
                     $12::timestamptz[], $13::bool[], $14::timestamptz[], $17::text[], $18::bool[],
                     $19::bigint[], $20::text[], $21::text[], $22::text[], $23::timestamptz[], $25::int[],
                     $26::int[])
              AS c(ticket_id, version, updated_at, added, status, set_resolved, resolved_at, set_closed, closed_at,
                   priority, set_assignee, agent_id, agent_name, agent_group, last_author, last_at, staff_only_events,
                   notes)
        WHERE t.ticket_id = c.ticket_id
     )
     SELECT pg_notify($15, payload) FROM unnest($16::text[]) AS payload`,
    [
      m.map((r) => r.id),
      m.map((r) => r.ticketId),
      m.map((r) => r.text),
      m.map((r) => r.author),
      m.map((r) => r.at),
      changes.map((c) => c.ticketId),
      changes.map((c) => c.version),
      changes.map((c) => c.updatedAt),
      changes.map((c) => c.added),
      changes.map((c) => c.status),
      changes.map((c) => c.resolvedAt !== undefined),
      changes.map((c) => c.resolvedAt ?? null),
      changes.map((c) => c.closedAt !== undefined),
      changes.map((c) => c.closedAt ?? null),
      READ_MODEL_CHANNEL,
      readModelNotificationPayloads(
        schema,
        changes.map((c) => c.ticketId),
      ),
      changes.map((c) => c.priority),
      changes.map((c) => c.assignee !== undefined),
      changes.map((c) => c.assignee?.agentId ?? null),
      changes.map((c) => c.assignee?.name ?? null),
      changes.map((c) => c.assignee?.group ?? null),
      changes.map((c) => c.lastAuthor),
      changes.map((c) => c.lastAt),
      m.map((r) => r.internal),
      changes.map((c) => c.staffOnlyEvents),
      changes.map((c) => c.notes),
    ],
  );
}

function collect(events: readonly ProjectedEvent[]): Rows {
  const rows: Rows = {
    opened: [],
    openedVersions: [],
    messages: [],
    attachments: [],
    changes: new Map(),
  };
  for (const { streamVersion, event } of events) {
    const at = event.metadata.occurredAt;
    const ticketId = event.data.ticketId;
    const change = rows.changes.get(ticketId) ?? {
      ticketId,
      version: streamVersion,
      staffOnlyEvents: 0,
      updatedAt: null,
      added: 0,
      notes: 0,
      status: null,
      priority: null,
      lastAuthor: null,
      lastAt: null,
    };
    change.version = streamVersion;
    if (!isVisibleTo('customer', event)) change.staffOnlyEvents += 1;
    else if (event.type !== 'TicketOpened') change.updatedAt = at;
    rows.changes.set(ticketId, change);
    fold(rows, change, streamVersion, event);
  }
  return rows;
}

function fold(rows: Rows, change: TicketChange, version: number, event: TicketEvent): void {
  const at = event.metadata.occurredAt;
  switch (event.type) {
    case 'TicketOpened':
      rows.opened.push(event);
      rows.openedVersions.push(version);
      return;
    case 'MessageAdded':
      rows.messages.push({
        id: event.data.messageId,
        ticketId: event.data.ticketId,
        text: event.data.message,
        author: event.data.authorType,
        at,
        internal: false,
      });
      change.added += 1;
      change.lastAuthor = event.data.authorType;
      change.lastAt = at;
      return;
    case 'InternalNoteAdded':
      rows.messages.push({
        id: event.data.noteId,
        ticketId: event.data.ticketId,
        text: event.data.note,
        author: 'staff',
        at,
        internal: true,
      });
      change.notes += 1;
      return;
    case 'AttachmentAdded':
    case 'NoteAttachmentAdded':
      rows.attachments.push({ ...attachmentRow(event), at });
      return;
    case 'TicketReopened':
      change.status = 'Open';
      change.resolvedAt = null;
      return;
    case 'TicketResolved':
      change.status = 'Resolved';
      change.resolvedAt = at;
      return;
    case 'TicketStatusChanged':
      change.status = event.data.to;
      return;
    case 'TicketClosed':
      change.status = 'Closed';
      change.closedAt = at;
      return;
    case 'TicketAssigned':
      change.assignee = assigneeColumns(event.data.assignee);
      return;
    case 'TicketPriorityChanged':
      change.priority = event.data.to;
      return;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${(unhandled as { type: string }).type}`);
    }
  }
}

async function insertOpened(client: PoolClient, schema: string, rows: Rows): Promise<void> {
  const o = rows.opened;
  await client.query(
    `INSERT INTO ${schema}.tickets
       (ticket_id, account_id, subject, description, topic, property_id, status, created_at, updated_at, version,
        last_author, last_message_at)
     SELECT id, account, subject, description, topic, property, 'Open', at, at, version, opener, at
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::timestamptz[], $8::int[], $9::text[])
            AS o(id, account, subject, description, topic, property, at, version, opener)
     ON CONFLICT (ticket_id) DO NOTHING`,
    [
      o.map((e) => e.data.ticketId),
      o.map((e) => e.data.accountId),
      o.map((e) => e.data.subject),
      o.map((e) => e.data.description),
      o.map((e) => e.data.topic),
      o.map((e) => e.data.propertyId),
      o.map((e) => e.metadata.occurredAt),
      rows.openedVersions,
      o.map((e) => e.metadata.actor.role),
    ],
  );
}

async function insertAttachments(client: PoolClient, schema: string, rows: Rows): Promise<void> {
  const a = rows.attachments;
  await client.query(
    `INSERT INTO ${schema}.attachments (attachment_id, ticket_id, message_id, file_name, content_type,
       size_bytes, sha256, object_key, uploaded_by, created_at, internal)
     SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::bigint[],
                          $7::text[], $8::text[], $9::text[], $10::timestamptz[], $11::bool[])
     ON CONFLICT (attachment_id) DO NOTHING`,
    [
      a.map((d) => d.attachmentId),
      a.map((d) => d.ticketId),
      a.map((d) => d.messageId),
      a.map((d) => d.fileName),
      a.map((d) => d.contentType),
      a.map((d) => d.size),
      a.map((d) => d.sha256),
      a.map((d) => d.objectKey),
      a.map((d) => d.uploadedBy),
      a.map((d) => d.at),
      a.map((d) => d.internal),
    ],
  );
}

/** The versions these tickets' rows have reached; a ticket without a row is absent (version 0). */
export async function readModelVersions(
  client: PoolClient,
  schema: string,
  ticketIds: readonly number[],
): Promise<Map<number, number>> {
  const { rows } = await client.query<{ ticket_id: string; version: number }>(
    `SELECT ticket_id, version FROM ${schema}.tickets WHERE ticket_id = ANY ($1::bigint[])`,
    [[...new Set(ticketIds)]],
  );
  return new Map(rows.map((r) => [Number(r.ticket_id), r.version]));
}
