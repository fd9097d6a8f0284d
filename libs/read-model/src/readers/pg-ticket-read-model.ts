import { SchemaReader } from './schema-reader';
import { withThread } from '../ticket.responses';
import type { TicketResponse, TicketSummaryResponse } from '../ticket.responses';
import type { TicketListFilter, TicketReadModel } from './ticket-read-model';
import { toAttachment, toMessage, toSummary } from './ticket.rows';
import type { TicketDetailRow, TicketRow } from './ticket.rows';

export class PgTicketReadModel extends SchemaReader implements TicketReadModel {
  /** One statement, so the ticket, its thread and its attachments come from one snapshot. */
  async findTicket(ticketId: number, accountId: string): Promise<TicketResponse | null> {
    const { rows } = await this.pool.query<TicketDetailRow>(
      `SELECT t.*,
         COALESCE((SELECT json_agg(m ORDER BY m.message_id) FROM ${this.schema}.messages m
                   WHERE m.ticket_id = t.ticket_id), '[]') AS messages,
         COALESCE((SELECT json_agg(a ORDER BY a.attachment_id) FROM ${this.schema}.attachments a
                   WHERE a.ticket_id = t.ticket_id), '[]') AS attachments
       FROM ${this.schema}.tickets t WHERE t.ticket_id = $1 AND t.account_id = $2`,
      [ticketId, accountId],
    );
    const row = rows[0];
    if (!row) return null;
    const { messageCount: _count, ...summary } = toSummary(row);
    return withThread(summary, row.messages.map(toMessage), row.attachments.map(toAttachment));
  }

  async listTickets(filter: TicketListFilter): Promise<TicketSummaryResponse[]> {
    const { rows } = await this.pool.query<TicketRow>(
      `SELECT * FROM ${this.schema}.tickets
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
      `SELECT version FROM ${this.schema}.tickets WHERE ticket_id = $1 AND account_id = $2`,
      [ticketId, accountId],
    );
    return rows[0]?.version ?? 0;
  }
}
