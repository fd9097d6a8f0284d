import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { isVisibleTo, TicketErrors, ticketStreamId } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore, StoredEvent } from '@app/event-store';
import { toPublicEvent, versionFor } from '@app/event-feed';
import { TicketHistoryQuery } from './ticket-history.query';
import { historyCursor } from '../shared/page-cursor';
import type { TicketHistoryPage } from './ticket-history.responses';

/** Events read per round trip while a customer's page skips staff-only ones. */
const READ_PAGE = 500;

/** Every event of a ticket in order, a page at a time; from the event store, so complete while projections lag. */
@QueryHandler(TicketHistoryQuery)
export class TicketHistoryHandler implements IQueryHandler<TicketHistoryQuery, TicketHistoryPage> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>) {}

  async execute(query: TicketHistoryQuery): Promise<TicketHistoryPage> {
    const { ticketId, accountId, limit, reader } = query;
    const streamId = ticketStreamId(ticketId);
    const opening = (await this.store.readStream(streamId, { limit: 1 }))[0];
    if (opening?.event.type !== 'TicketOpened' || opening.event.data.accountId !== accountId) {
      throw TicketErrors.notFound(ticketId);
    }
    const events = await this.visibleAfter(query);
    const items = events.slice(0, limit).map((e) => toPublicEvent(e, reader));
    const hasMore = events.length > limit;
    return {
      ticketId,
      items,
      nextCursor: hasMore ? historyCursor.encode(items[items.length - 1].version) : null,
    };
  }

  /**
   * Up to limit + 1 events the reader sees after its version `afterVersion`. A customer's version is never above
   * the stream's, so its events are all after that stream version too.
   */
  private async visibleAfter({
    ticketId,
    afterVersion,
    limit,
    reader,
  }: TicketHistoryQuery): Promise<StoredEvent<TicketEvent>[]> {
    const streamId = ticketStreamId(ticketId);
    if (reader === 'staff') {
      return this.store.readStream(streamId, { afterVersion, limit: limit + 1 });
    }
    const found: StoredEvent<TicketEvent>[] = [];
    for (let after = afterVersion; ;) {
      const page = await this.store.readStream(streamId, { afterVersion: after, limit: READ_PAGE });
      for (const stored of page) {
        if (isVisibleTo(reader, stored.event) && versionFor(reader, stored) > afterVersion) {
          found.push(stored);
        }
      }
      if (found.length > limit || page.length < READ_PAGE) return found;
      after = page[page.length - 1].streamVersion;
    }
  }
}
