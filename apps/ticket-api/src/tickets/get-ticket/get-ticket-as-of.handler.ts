import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { TicketErrors, ticketStreamId } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { contiguousPrefix, foldTicketDetail } from '@app/read-model';
import type { TicketResponse } from '@app/read-model';
import { ticketAccountOf } from '@app/ticket-store';
import { GetTicketAsOfQuery } from './get-ticket-as-of.query';

/** The ticket as it was at a time: its events up to then, folded; from the store, never the read model. */
@QueryHandler(GetTicketAsOfQuery)
export class GetTicketAsOfHandler implements IQueryHandler<GetTicketAsOfQuery, TicketResponse> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>) {}

  async execute({ ticketId, accountId, asOf }: GetTicketAsOfQuery): Promise<TicketResponse> {
    if ((await ticketAccountOf(this.store, ticketId)) !== accountId) {
      throw TicketErrors.notFound(ticketId);
    }
    const events = await this.store.readStream(ticketStreamId(ticketId), { until: asOf });
    // a later version may carry an earlier time (decided first, appended after a conflict): stop at a hole
    const ticket = foldTicketDetail(contiguousPrefix(events));
    if (!ticket) throw TicketErrors.notFound(ticketId);
    return ticket;
  }
}
