import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { historyCursor } from '../shared/page-cursor';
import { ReadTarget } from '@app/ticket-http';
import type { TicketReadTarget } from '@app/ticket-http';
import { TicketHistoryQuery } from './ticket-history.query';
import { TicketHistoryQueryParams } from './ticket-history.request';
import type { TicketHistoryPage } from './ticket-history.responses';

const DEFAULT_PAGE_SIZE = 50;

@Controller('api/Ticket')
export class TicketHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  async history(
    @Query() params: TicketHistoryQueryParams,
    @ReadTarget() { ticketId, accountId, reader }: TicketReadTarget,
  ): Promise<TicketHistoryPage> {
    const afterVersion = historyCursor.fromQuery(params.cursor, 0);
    return this.queries.execute<TicketHistoryQuery, TicketHistoryPage>(
      new TicketHistoryQuery(
        ticketId,
        accountId,
        afterVersion,
        params.limit ?? DEFAULT_PAGE_SIZE,
        reader,
      ),
    );
  }
}
