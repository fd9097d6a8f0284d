import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { THREAD_PAGE_SIZE } from '@app/read-model';
import type { MessagePage } from '@app/read-model';
import { ReadTarget } from '@app/ticket-http';
import type { TicketReadTarget } from '@app/ticket-http';
import { messageCursor } from '../shared/page-cursor';
import { ListMessagesQuery } from './list-messages.query';
import { ListMessagesQueryParams } from './list-messages.request';

@Controller('api/Ticket')
export class ListMessagesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/messages')
  async list(
    @Query() params: ListMessagesQueryParams,
    @ReadTarget() { ticketId, accountId, reader }: TicketReadTarget,
  ): Promise<MessagePage> {
    const beforeId = messageCursor.fromQuery(params.before, undefined, 'before');
    return this.queries.execute<ListMessagesQuery, MessagePage>(
      new ListMessagesQuery(ticketId, accountId, reader, {
        beforeId,
        limit: params.limit ?? THREAD_PAGE_SIZE,
      }),
    );
  }
}
