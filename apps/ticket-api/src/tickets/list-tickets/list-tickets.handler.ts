import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { TICKET_READ_MODEL } from '@app/read-model';
import type { TicketReadModel, TicketSummaryResponse } from '@app/read-model';
import { ListTicketsQuery } from './list-tickets.query';

export interface TicketPage {
  items: TicketSummaryResponse[];
  nextCursor: string | null;
}

export const encodeCursor = (ticketId: number): string =>
  Buffer.from(`t:${ticketId}`).toString('base64url');

export const decodeCursor = (cursor: string): number | undefined => {
  const match = /^t:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
};

@QueryHandler(ListTicketsQuery)
export class ListTicketsHandler implements IQueryHandler<ListTicketsQuery, TicketPage> {
  constructor(@Inject(TICKET_READ_MODEL) private readonly readModel: TicketReadModel) {}

  async execute({ filter }: ListTicketsQuery): Promise<TicketPage> {
    const rows = await this.readModel.listTickets({ ...filter, limit: filter.limit + 1 });
    const items = rows.slice(0, filter.limit);
    const hasMore = rows.length > filter.limit;
    return { items, nextCursor: hasMore ? encodeCursor(items[items.length - 1].id) : null };
  }
}
