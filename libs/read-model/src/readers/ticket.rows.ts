import { authorLabel } from '@app/domain';
import type { ActorRole, Assignee, TicketPriority, TicketStatus } from '@app/domain';
import type {
  AttachmentResponse,
  MessageResponse,
  TicketSummaryResponse,
} from '../ticket.responses';

/** The read model's tables as pg returns them (bigints as strings, json_agg rows with ISO strings). */
export interface TicketRow {
  ticket_id: string;
  account_id: string;
  subject: string;
  description: string;
  topic: string;
  property_id: string | null;
  status: TicketStatus;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
  message_count: number;
  note_count: number;
  version: number;
  customer_version: number;
  priority: TicketPriority;
  assignee_agent_id: string | null;
  assignee_name: string | null;
  assignee_group: string | null;
}

/** TicketRow's columns, named: a prepared statement's result type must not change when a column is added. */
export const TICKET_COLUMNS =
  'ticket_id, account_id, subject, description, topic, property_id, status, created_at, updated_at, ' +
  'resolved_at, closed_at, message_count, version, priority, assignee_agent_id, assignee_name, assignee_group, ' +
  'note_count, customer_version';

export interface MessageRow {
  message_id: number;
  ticket_id: number;
  message: string;
  author_type: ActorRole;
  created_at: string;
  internal: boolean;
}

export interface AttachmentRow {
  attachment_id: number | string;
  ticket_id: number | string;
  message_id: number | string | null;
  file_name: string;
  content_type: string;
  size_bytes: number | string;
  sha256: string;
  object_key: string;
  uploaded_by: ActorRole;
  created_at: string | Date;
}

export type TicketDetailRow = TicketRow & { messages: MessageRow[]; attachments: AttachmentRow[] };

/** A page of the thread; `older` is null when the page is empty. */
export interface MessagePageRow {
  messages: MessageRow[];
  attachments: AttachmentRow[];
  older: number | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A staff reader counts every event and thread item; a customer only what it sees. */
export const toSummary = (row: TicketRow, reader: ActorRole): TicketSummaryResponse => ({
  id: Number(row.ticket_id),
  accountId: row.account_id,
  subject: row.subject,
  description: row.description,
  topic: row.topic,
  propertyId: row.property_id,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  resolvedAt: iso(row.resolved_at),
  closedAt: iso(row.closed_at),
  priority: row.priority,
  assignee: assigneeOf(row),
  version: reader === 'staff' ? row.version : row.customer_version,
  messageCount: row.message_count + (reader === 'staff' ? row.note_count : 0),
});

export const assigneeOf = (
  row: Pick<TicketRow, 'assignee_agent_id' | 'assignee_name' | 'assignee_group'>,
): Assignee | null => {
  if (row.assignee_agent_id !== null) {
    return { agentId: Number(row.assignee_agent_id), name: row.assignee_name ?? '' };
  }
  return row.assignee_group === null ? null : { group: row.assignee_group };
};

export const toAttachment = (row: AttachmentRow): AttachmentResponse => ({
  id: Number(row.attachment_id),
  ticketId: Number(row.ticket_id),
  messageId: row.message_id === null ? null : Number(row.message_id),
  fileName: row.file_name,
  contentType: row.content_type,
  size: Number(row.size_bytes),
  sha256: row.sha256,
  uploadedBy: row.uploaded_by,
  uploadedByLabel: authorLabel(row.uploaded_by),
  createdAt: new Date(row.created_at).toISOString(),
});

/** A thread item; `internal` is shown to staff readers, whose threads hold the notes too. */
export const toMessage = (
  row: MessageRow,
  reader: ActorRole,
): Omit<MessageResponse, 'attachments'> => ({
  id: Number(row.message_id),
  ticketId: Number(row.ticket_id),
  message: row.message,
  authorType: row.author_type,
  authorLabel: authorLabel(row.author_type),
  createdAt: new Date(row.created_at).toISOString(),
  ...(reader === 'staff' ? { internal: row.internal } : {}),
});
