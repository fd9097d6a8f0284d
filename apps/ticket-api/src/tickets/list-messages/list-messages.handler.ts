import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { TicketErrors } from '@app/domain';
import { TICKET_READ_MODEL } from '@app/read-model';
import type { MessagePage, TicketReadModel } from '@app/read-model';
import { ListMessagesQuery } from './list-messages.query';

/** Older messages of a ticket, a page at a time, from the read model like the ticket detail. */
@QueryHandler(ListMessagesQuery)
export class ListMessagesHandler implements IQueryHandler<ListMessagesQuery, MessagePage> {
  constructor(@Inject(TICKET_READ_MODEL) private readonly readModel: TicketReadModel) {}

  async execute({ ticketId, accountId, reader, page }: ListMessagesQuery): Promise<MessagePage> {
    const found = await this.readModel.findMessages(ticketId, accountId, reader, page);
    if (!found) throw TicketErrors.notFound(ticketId);
    return found;
  }
}
