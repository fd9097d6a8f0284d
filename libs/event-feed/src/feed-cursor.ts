/** A place in the feed's total order: every event at or before it was seen. */
export interface FeedPosition {
  /** The event's transaction id (xid8), as decimal text. */
  readonly transactionId: string;
  readonly globalPosition: string;
}

export const FEED_START: FeedPosition = { transactionId: '0', globalPosition: '0' };

export const encodeFeedCursor = (position: FeedPosition): string =>
  Buffer.from(`f:${position.transactionId}:${position.globalPosition}`).toString('base64url');

/** The largest transaction id (xid8, unsigned 64 bits) and global position (bigint) PostgreSQL can hold. */
const MAX_TRANSACTION_ID = 2n ** 64n - 1n;
const MAX_GLOBAL_POSITION = 2n ** 63n - 1n;

/** The position a cursor names; undefined for one this feed cannot have produced (out of range included). */
export const decodeFeedCursor = (cursor: string): FeedPosition | undefined => {
  const match = /^f:(\d{1,20}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) return undefined;
  const [transactionId, globalPosition] = [BigInt(match[1]), BigInt(match[2])];
  if (transactionId > MAX_TRANSACTION_ID || globalPosition > MAX_GLOBAL_POSITION) return undefined;
  return { transactionId: transactionId.toString(), globalPosition: globalPosition.toString() };
};

export const laterOf = (a: FeedPosition, b: FeedPosition): FeedPosition => {
  const [ta, tb] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  if (ta !== tb) return ta > tb ? a : b;
  return BigInt(a.globalPosition) >= BigInt(b.globalPosition) ? a : b;
};
