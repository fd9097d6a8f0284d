import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { TICKET_READ_MODEL } from '@app/read-model';
import type { TicketReadModel, TicketSummaryResponse } from '@app/read-model';
import { ticketListCursor } from '../shared/page-cursor';
import { ListTicketsQuery } from './list-tickets.query';

export interface TicketPage {
  items: TicketSummaryResponse[];
  nextCursor: string | null;
}

@QueryHandler(ListTicketsQuery)
export class ListTicketsHandler implements IQueryHandler<ListTicketsQuery, TicketPage> {
  constructor(@Inject(TICKET_READ_MODEL) private readonly readModel: TicketReadModel) {}

  async execute({ filter }: ListTicketsQuery): Promise<TicketPage> {
    const rows = await this.readModel.listTickets({ ...filter, limit: filter.limit + 1 });
    const items = rows.slice(0, filter.limit);
    const hasMore = rows.length > filter.limit;
    return {
      items,
      nextCursor: hasMore ? ticketListCursor.encode(items[items.length - 1].id) : null,
    };
  }
}
