import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { historyCursor } from '../shared/page-cursor';
import { parseTicketId } from '@app/ticket-http';
import { TicketHistoryQuery } from './ticket-history.query';
import { TicketHistoryQueryParams } from './ticket-history.request';
import type { TicketHistoryPage } from './ticket-history.responses';

const DEFAULT_PAGE_SIZE = 50;

@Controller('api/Ticket')
export class TicketHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history')
  async history(
    @Param('id') id: string,
    @Query() params: TicketHistoryQueryParams,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketHistoryPage> {
    const ticketId = parseTicketId(id);
    const afterVersion = historyCursor.fromQuery(params.cursor, 0);
    const page = await this.queries.execute<TicketHistoryQuery, TicketHistoryPage>(
      new TicketHistoryQuery(
        ticketId,
        principal.accountId,
        afterVersion,
        params.limit ?? DEFAULT_PAGE_SIZE,
      ),
    );
    void reply.header('cache-control', 'private, no-cache');
    return page;
  }
}
