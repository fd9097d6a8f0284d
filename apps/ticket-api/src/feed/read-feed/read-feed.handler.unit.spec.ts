import type { AppendNotifications, FeedPage, FeedRequest, PgEventFeed } from '@app/event-feed';
import { encodeFeedCursor, FEED_START } from '@app/event-feed';
import { KeyedWakeups } from '@app/event-store';
import { WaitLimits } from '../../waits/wait-limits';
import { ReadFeedHandler } from './read-feed.handler';
import { ReadFeedQuery } from './read-feed.query';

/** A feed with nothing new until the test says so; counts the pages read per account. */
class QuietFeed {
  readonly reads: (string | null)[] = [];
  ready = false;

  async read(request: FeedRequest): Promise<FeedPage> {
    this.reads.push(request.accountId);
    const items = this.ready ? [{ accountId: request.accountId } as FeedPage['items'][number]] : [];
    return { items, nextCursor: encodeFeedCursor(FEED_START) };
  }

  readsOf(accountId: string | null): number {
    return this.reads.filter((a) => a === accountId).length;
  }
}

const setUp = (perKey = 4) => {
  const feed = new QuietFeed();
  const appends = new KeyedWakeups();
  const handler = new ReadFeedHandler(
    feed as unknown as PgEventFeed,
    appends as unknown as AppendNotifications,
    new WaitLimits('change-feed long-polls', { perKey, perInstance: 100 }),
  );
  const longPoll = (apiKeyId: string, accountId: string | null) =>
    handler.execute(
      new ReadFeedQuery(apiKeyId, accountId, FEED_START, 100, null, 30_000, 'customer'),
    );
  return { feed, appends, longPoll };
};

describe('GET /api/events?wait= (ReadFeedHandler)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("is not woken by another account's appends: they cost its long-poll no read", async () => {
    const { feed, appends, longPoll } = setUp();
    const polling = longPoll('key-a', 'acct-a');
    await jest.advanceTimersByTimeAsync(0);

    appends.wake(['acct-b']);
    appends.wake(['acct-b']);
    await jest.advanceTimersByTimeAsync(0);
    const readsAfterOthers = feed.readsOf('acct-a');
    feed.ready = true;
    appends.wake(['acct-a']);

    await expect(polling).resolves.toMatchObject({ items: [{ accountId: 'acct-a' }] });
    expect([readsAfterOthers, feed.readsOf('acct-a')]).toEqual([1, 2]);
  });

  it("after its own account's append found nothing readable (horizon held back), wakes on any account's", async () => {
    const { feed, appends, longPoll } = setUp();
    const polling = longPoll('key-a', 'acct-a');
    await jest.advanceTimersByTimeAsync(0);
    appends.wake(['acct-a']);
    await jest.advanceTimersByTimeAsync(0);

    feed.ready = true;
    appends.wake(['acct-b']);

    await expect(polling).resolves.toMatchObject({ items: [{ accountId: 'acct-a' }] });
    expect(feed.readsOf('acct-a')).toBe(3);
  });

  it('refuses a key its long-poll beyond the limit with 429 TOO_MANY_WAITS; a page with events takes no place', async () => {
    const { feed, appends, longPoll } = setUp(1);
    const waiting = longPoll('key-a', 'acct-a');
    await jest.advanceTimersByTimeAsync(0);

    await expect(longPoll('key-a', 'acct-a')).rejects.toMatchObject({ code: 'TOO_MANY_WAITS' });
    await jest.advanceTimersByTimeAsync(0);
    feed.ready = true;
    await expect(longPoll('key-a', 'acct-a')).resolves.toMatchObject({ items: [{}] });
    appends.wake(['acct-a']);
    await waiting;
  });
});
