import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { ApiError } from '@app/platform/http/api-error';
import { parseTicketId } from '../shared/ticket-http';
import { TicketHistoryQuery } from './ticket-history.query';
import { TicketHistoryQueryParams } from './ticket-history.request';
import { HISTORY_CURSOR } from '../shared/page-cursor';
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
  ): Promise<TicketHistoryPage> {
    const ticketId = parseTicketId(id);
    const afterVersion = params.cursor === undefined ? 0 : HISTORY_CURSOR.decode(params.cursor);
    if (afterVersion === undefined) {
      throw new ApiError('VALIDATION_FAILED', 'cursor is not valid', {
        errors: [{ field: 'cursor', messages: ['cursor is not valid'] }],
      });
    }
    const page = await this.queries.execute<TicketHistoryQuery, TicketHistoryPage>(
      new TicketHistoryQuery(
        ticketId,
        principal.accountId,
        afterVersion,
        params.limit ?? DEFAULT_PAGE_SIZE,
      ),
    );
    return page;
  }
}
