import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { TicketErrors, ticketStreamId } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { toPublicEvent } from '@app/event-feed';
import { TicketHistoryQuery } from './ticket-history.query';
import { historyCursor } from '../shared/page-cursor';
import type { TicketHistoryPage } from './ticket-history.responses';

/** Every event of a ticket in order, a page at a time; from the event store, so complete while projections lag. */
@QueryHandler(TicketHistoryQuery)
export class TicketHistoryHandler implements IQueryHandler<TicketHistoryQuery, TicketHistoryPage> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>) {}

  async execute(query: TicketHistoryQuery): Promise<TicketHistoryPage> {
    const { ticketId, accountId, afterVersion, limit } = query;
    const streamId = ticketStreamId(ticketId);
    const events = await this.store.readStream(streamId, { afterVersion, limit: limit + 1 });
    const opening =
      afterVersion === 0 ? events[0] : (await this.store.readStream(streamId, { limit: 1 }))[0];
    if (opening?.event.type !== 'TicketOpened' || opening.event.data.accountId !== accountId) {
      throw TicketErrors.notFound(ticketId);
    }
    const items = events.slice(0, limit).map(toPublicEvent);
    const hasMore = events.length > limit;
    return {
      ticketId,
      items,
      nextCursor: hasMore ? historyCursor.encode(items[items.length - 1].version) : null,
    };
  }
}
