import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { AppendNotifications, decodeFeedCursor, PgEventFeed } from '@app/event-feed';
import type { FeedPage, FeedRequest } from '@app/event-feed';
import { ReadFeedQuery } from './read-feed.query';

/** Safety net for a horizon held back by a transaction that appends nothing, so never notifies. */
const RECHECK_MS = 1_000;

/** A page of the change feed; with a wait, returns as soon as an event is readable or the wait is over. */
@QueryHandler(ReadFeedQuery)
export class ReadFeedHandler implements IQueryHandler<ReadFeedQuery, FeedPage> {
  constructor(
    private readonly feed: PgEventFeed,
    private readonly notifications: AppendNotifications,
  ) {}

  async execute(query: ReadFeedQuery): Promise<FeedPage> {
    if (query.after === 'now') return { items: [], nextCursor: await this.feed.now() };
    const deadline = Date.now() + query.waitMs;
    let request: FeedRequest = {
      accountId: query.accountId,
      after: query.after,
      limit: query.limit,
      types: query.types,
    };
    for (;;) {
      const wakeup = this.notifications.next(Math.min(RECHECK_MS, deadline - Date.now()));
      const page = await this.feed.read(request);
      if (page.items.length > 0 || Date.now() >= deadline || this.notifications.isClosed) {
        wakeup.cancel();
        return page;
      }
      await wakeup.promise;
      request = { ...request, after: decodeFeedCursor(page.nextCursor)! };
    }
  }
}
