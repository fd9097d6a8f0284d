import type { ActorRole } from '@app/domain';
import { SchemaReader } from './schema-reader';
import { olderThan, THREAD_PAGE_SIZE, withAttachments, withThread } from '../ticket.responses';
import type { MessagePage, TicketResponse, TicketSummaryResponse } from '../ticket.responses';
import type { MessagePageRequest, TicketListFilter, TicketReadModel } from './ticket-read-model';
import { toAttachment, toMessage, toSummary } from './ticket.rows';
import { TICKET_COLUMNS } from './ticket.rows';
import type { MessagePageRow, TicketDetailRow, TicketRow } from './ticket.rows';

export class PgTicketReadModel extends SchemaReader implements TicketReadModel {
  /**
   * The latest `limit` items of a ticket's thread before message id $3 (all when null), newest first: a
   * customer's without the internal notes.
   */
  private pageOf(limit: string, reader: ActorRole): string {
    return `SELECT * FROM ${this.schema}.messages m
            WHERE m.ticket_id = t.ticket_id AND ($3::bigint IS NULL OR m.message_id < $3)${onlyPublic('m', reader)}
            ORDER BY m.message_id DESC LIMIT ${limit}`;
  }

  /** One statement, so the ticket, its latest messages and its attachments come from one snapshot. */
  async findTicket(
    ticketId: number,
    accountId: string,
    reader: ActorRole,
    pageSize = THREAD_PAGE_SIZE,
  ): Promise<TicketResponse | null> {
    const { rows } = await this.pool.query<TicketDetailRow>({
      name: this.statement(`find-ticket-${reader}`),
      text: `SELECT ${columnsOf('t')},
         COALESCE((SELECT json_agg(p ORDER BY p.message_id) FROM (${this.pageOf('$4', reader)}) p), '[]')
           AS messages,
         COALESCE((SELECT json_agg(a ORDER BY a.attachment_id) FROM ${this.schema}.attachments a
                   WHERE a.ticket_id = t.ticket_id${onlyPublic('a', reader)}), '[]') AS attachments
       FROM ${this.schema}.tickets t WHERE t.ticket_id = $1 AND t.account_id = $2`,
      values: [ticketId, accountId, null, pageSize],
    });
    const row = rows[0];
    if (!row) return null;
    const { messageCount, ...summary } = toSummary(row, reader);
    return withThread(
      summary,
      row.messages.map((m) => toMessage(m, reader)),
      row.attachments.map(toAttachment),
      messageCount,
      pageSize,
    );
  }

  /** One statement: the page, the attachments of its messages and how many messages come before it. */
  async findMessages(
    ticketId: number,
    accountId: string,
    reader: ActorRole,
    { beforeId, limit }: MessagePageRequest,
  ): Promise<MessagePage | null> {
    const { rows } = await this.pool.query<MessagePageRow>({
      name: this.statement(`find-messages-${reader}`),
      text: `SELECT page.messages,
         (SELECT count(*) FROM ${this.schema}.messages o
          WHERE o.ticket_id = t.ticket_id AND o.message_id < page.oldest${onlyPublic('o', reader)})::int AS older,
         COALESCE((SELECT json_agg(a ORDER BY a.attachment_id) FROM ${this.schema}.attachments a
                   WHERE a.ticket_id = t.ticket_id AND a.message_id >= page.oldest
                     AND ($3::bigint IS NULL OR a.message_id < $3)${onlyPublic('a', reader)}), '[]') AS attachments
       FROM ${this.schema}.tickets t
       CROSS JOIN LATERAL (
         SELECT COALESCE(json_agg(p ORDER BY p.message_id), '[]') AS messages, min(p.message_id) AS oldest
         FROM (${this.pageOf('$4', reader)}) p
       ) page
       WHERE t.ticket_id = $1 AND t.account_id = $2`,
      values: [ticketId, accountId, beforeId ?? null, limit],
    });
    const row = rows[0];
    if (!row) return null;
    const items = withAttachments(
      row.messages.map((m) => toMessage(m, reader)),
      row.attachments.map(toAttachment),
    );
    return { ticketId, items, olderMessages: olderThan(items[0], row.older ?? 0) };
  }

  async listTickets(filter: TicketListFilter): Promise<TicketSummaryResponse[]> {
    const { rows } = await this.pool.query<TicketRow>({
      name: this.statement('list-tickets'),
      text: `SELECT ${TICKET_COLUMNS} FROM ${this.schema}.tickets
       WHERE account_id = $1
         AND ($2::text IS NULL OR status = $2)
         AND ($3::text IS NULL OR topic = $3)
         AND ($4::bigint IS NULL OR ticket_id < $4)
         AND ($6::timestamptz IS NULL OR updated_at >= $6)
       ORDER BY ticket_id DESC LIMIT $5`,
      values: [
        filter.accountId,
        filter.status ?? null,
        filter.topic ?? null,
        filter.beforeId ?? null,
        filter.limit,
        filter.updatedSince ?? null,
      ],
    });
    return rows.map((row) => toSummary(row, filter.reader));
  }

  async versionOf(ticketId: number, accountId: string, reader: ActorRole): Promise<number> {
    const column = reader === 'staff' ? 'version' : 'customer_version';
    const { rows } = await this.pool.query<{ version: number }>({
      name: this.statement(`version-of-${reader}`),
      text: `SELECT ${column} AS version FROM ${this.schema}.tickets WHERE ticket_id = $1 AND account_id = $2`,
      values: [ticketId, accountId],
    });
    return rows[0]?.version ?? 0;
  }
}

const columnsOf = (alias: string): string =>
  TICKET_COLUMNS.split(', ')
    .map((column) => `${alias}.${column}`)
    .join(', ');

/** A customer's thread leaves the internal notes and their files out. */
const onlyPublic = (alias: string, reader: ActorRole): string =>
  reader === 'staff' ? '' : ` AND NOT ${alias}.internal`;
