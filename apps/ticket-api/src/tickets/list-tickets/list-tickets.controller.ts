import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { forReader } from '@app/read-model';
import { ticketListCursor } from '../shared/page-cursor';
import type { TicketPage } from './list-tickets.handler';
import { ListTicketsQuery } from './list-tickets.query';
import { ListTicketsQueryParams } from './list-tickets.request';

const DEFAULT_PAGE_SIZE = 20;

@Controller('api/Ticket')
export class ListTicketsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  async list(@Query() params: ListTicketsQueryParams, @CurrentPrincipal() principal: Principal) {
    const beforeId = ticketListCursor.fromQuery(params.cursor, undefined);
    const page = await this.queries.execute<ListTicketsQuery, TicketPage>(
      new ListTicketsQuery({
        accountId: principal.accountId,
        reader: principal.role,
        status: params.status,
        topic: params.topic,
        updatedSince: params.updatedSince === undefined ? undefined : new Date(params.updatedSince),
        beforeId,
        limit: params.limit ?? DEFAULT_PAGE_SIZE,
      }),
    );
    return { ...page, items: page.items.map((t) => forReader(t, principal.role)) };
  }
}
