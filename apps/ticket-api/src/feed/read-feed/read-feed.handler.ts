import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { AppendNotifications, decodeFeedCursor, PgEventFeed } from '@app/event-feed';
import type { FeedPage, FeedRequest } from '@app/event-feed';
import type { Wakeup } from '@app/event-store';
import { FEED_WAIT_LIMITS, WaitLimits } from '../../waits/wait-limits';
import { ReadFeedQuery } from './read-feed.query';

/** Safety net for a horizon held back by a transaction that appends nothing, so never notifies. */
const RECHECK_MS = 1_000;

/**
 * A page of the change feed; with a wait, returns as soon as an event is readable or the wait is over. A wait
 * takes one of the key's long-poll places and wakes only on its account's appends; after a wake-up that found
 * nothing (another transaction held the horizon back), on the next append of any account.
 */
@QueryHandler(ReadFeedQuery)
export class ReadFeedHandler implements IQueryHandler<ReadFeedQuery, FeedPage> {
  constructor(
    private readonly feed: PgEventFeed,
    private readonly notifications: AppendNotifications,
    @Inject(FEED_WAIT_LIMITS) private readonly limits: WaitLimits,
  ) {}

  async execute(query: ReadFeedQuery): Promise<FeedPage> {
    if (query.after === 'now') return { items: [], nextCursor: await this.feed.now() };
    const deadline = Date.now() + query.waitMs;
    let request: FeedRequest = {
      accountId: query.accountId,
      after: query.after,
      limit: query.limit,
      types: query.types,
      reader: query.reader,
    };
    let release: (() => void) | undefined;
    let wakeOn = query.accountId;
    let notified = false;
    try {
      for (;;) {
        const remaining = Math.min(RECHECK_MS, deadline - Date.now());
        let wakeup = this.notifications.next(wakeOn, remaining);
        const page = await this.feed.read(request);
        if (page.items.length > 0 || Date.now() >= deadline || this.notifications.isClosed) {
          wakeup.cancel();
          return page;
        }
        // woken by our account's append, yet nothing readable: an open transaction holds the horizon back,
        // and whichever account's commit it is, its append is what lets ours through
        if (notified && wakeOn !== null) {
          wakeOn = null;
          wakeup = either(wakeup, this.notifications.next(null, remaining));
        }
        try {
          release ??= this.limits.acquire(query.apiKeyId);
        } catch (refused) {
          wakeup.cancel();
          throw refused;
        }
        notified = await wakeup.promise;
        wakeup.cancel();
        request = { ...request, after: decodeFeedCursor(page.nextCursor)! };
      }
    } finally {
      release?.();
    }
  }
}

/** The first of two wake-ups; cancelling it cancels both. */
const either = (a: Wakeup, b: Wakeup): Wakeup => ({
  promise: Promise.race([a.promise, b.promise]),
  cancel: () => {
    a.cancel();
    b.cancel();
  },
});
