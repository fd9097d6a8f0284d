import { Controller, Get, Header, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ReadTarget } from '@app/ticket-http';
import type { TicketReadTarget } from '@app/ticket-http';
import { ExportHistoryQuery } from './export-history.query';
import { ExportHistoryQueryParams } from './export-history.request';
import type { HistoryExport } from './export-history.response';

@Controller('api/Ticket')
export class ExportHistoryController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/history/export')
  @Header('cache-control', 'private, no-store')
  async export(
    @Query() _params: ExportHistoryQueryParams,
    @ReadTarget() { ticketId, accountId, reader }: TicketReadTarget,
  ): Promise<HistoryExport> {
    return this.queries.execute<ExportHistoryQuery, HistoryExport>(
      new ExportHistoryQuery(ticketId, accountId, reader),
    );
  }
}
