import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { TicketErrors, ticketStreamId } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { TicketDetailFold } from '@app/read-model';
import type { TicketResponse } from '@app/read-model';
import { ticketAccountOf } from '@app/ticket-store';
import { GetTicketAsOfQuery } from './get-ticket-as-of.query';

/** Events read per round trip: at most 10,000-character messages, so a page stays a few MB at worst. */
export const AS_OF_PAGE_EVENTS = 200;

/**
 * The ticket as it was at a time: its events up to then, folded page by page; from the store, never the read
 * model. Only what the answer holds is kept (the detail's latest messages and a count of the older ones).
 */
@QueryHandler(GetTicketAsOfQuery)
export class GetTicketAsOfHandler implements IQueryHandler<GetTicketAsOfQuery, TicketResponse> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>) {}

  async execute({
    ticketId,
    accountId,
    asOf,
    reader,
  }: GetTicketAsOfQuery): Promise<TicketResponse> {
    if ((await ticketAccountOf(this.store, ticketId)) !== accountId) {
      throw TicketErrors.notFound(ticketId);
    }
    const fold = new TicketDetailFold(reader);
    for (let version = 0, more = true; more;) {
      const page = await this.store.readStream(ticketStreamId(ticketId), {
        until: asOf,
        afterVersion: version,
        limit: AS_OF_PAGE_EVENTS,
      });
      for (const stored of page) {
        // a later version may carry an earlier time (decided first, appended after a conflict): stop at a hole
        if (stored.streamVersion !== version + 1) break;
        fold.add(stored);
        version = stored.streamVersion;
      }
      more = page.length === AS_OF_PAGE_EVENTS && page[page.length - 1].streamVersion === version;
    }
    const ticket = fold.result();
    if (!ticket) throw TicketErrors.notFound(ticketId);
    return ticket;
  }
}
