import type { Pool } from 'pg';
import type { ActorRole, TicketStatus } from '@app/domain';
import { authorLabel } from './ticket.responses';
import type { AttachmentResponse, MessageResponse, TicketResponse } from './ticket.responses';
import type { TicketListFilter, TicketReadModel, TicketSummaryResponse } from './ticket-read-model';

interface TicketRow {
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
  version: number;
}

interface MessageRow {
  message_id: number;
  ticket_id: number;
  message: string;
  author_type: ActorRole;
  created_at: string;
}

interface AttachmentRow {
  attachment_id: number;
  ticket_id: number;
  message_id: number | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: ActorRole;
  created_at: string;
}

type DetailRow = TicketRow & { messages: MessageRow[]; attachments: AttachmentRow[] };

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

const toSummary = (row: TicketRow): TicketSummaryResponse => ({
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
  version: row.version,
  messageCount: row.message_count,
});

const toAttachment = (row: AttachmentRow): AttachmentResponse => ({
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

const toMessage = (row: MessageRow, attachments: AttachmentResponse[]): MessageResponse => ({
  id: Number(row.message_id),
  ticketId: Number(row.ticket_id),
  message: row.message,
  authorType: row.author_type,
  authorLabel: authorLabel(row.author_type),
  createdAt: new Date(row.created_at).toISOString(),
  attachments: attachments.filter((a) => a.messageId === Number(row.message_id)),
});

export class PgTicketReadModel implements TicketReadModel {
  constructor(private readonly pool: Pool) {}

  /** One statement, so the ticket, its thread and its attachments come from one snapshot. */
  async findTicket(ticketId: number, accountId: string): Promise<TicketResponse | null> {
    const { rows } = await this.pool.query<DetailRow>(
      `SELECT t.*,
         COALESCE((SELECT json_agg(m ORDER BY m.message_id) FROM read_model.messages m
                   WHERE m.ticket_id = t.ticket_id), '[]') AS messages,
         COALESCE((SELECT json_agg(a ORDER BY a.attachment_id) FROM read_model.attachments a
                   WHERE a.ticket_id = t.ticket_id), '[]') AS attachments
       FROM read_model.tickets t WHERE t.ticket_id = $1 AND t.account_id = $2`,
      [ticketId, accountId],
    );
    const row = rows[0];
    if (!row) return null;
    const { messageCount: _count, ...summary } = toSummary(row);
    const attachments = row.attachments.map(toAttachment);
    return {
      ...summary,
      attachments,
      messages: row.messages.map((m) => toMessage(m, attachments)),
    };
  }

  async listTickets(filter: TicketListFilter): Promise<TicketSummaryResponse[]> {
    const { rows } = await this.pool.query<TicketRow>(
      `SELECT * FROM read_model.tickets
       WHERE account_id = $1
         AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR topic = $3)
         AND ($4::bigint IS NULL OR ticket_id < $4)
         AND ($6::timestamptz IS NULL OR updated_at >= $6)
       ORDER BY ticket_id DESC LIMIT $5`,
      [
        filter.accountId,
        filter.status ?? null,
        filter.topic ?? null,
        filter.beforeId ?? null,
        filter.limit,
        filter.updatedSince ?? null,
      ],
    );
    return rows.map(toSummary);
  }

  async versionOf(ticketId: number, accountId: string): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>(
      'SELECT version FROM read_model.tickets WHERE ticket_id = $1 AND account_id = $2',
      [ticketId, accountId],
    );
    return rows[0]?.version ?? 0;
  }
}
