/** A place in the feed's total order: every event at or before it was seen. */
export interface FeedPosition {
  /** The event's transaction id (xid8), as decimal text. */
  readonly transactionId: string;
  readonly globalPosition: string;
}

export const FEED_START: FeedPosition = { transactionId: '0', globalPosition: '0' };

export const encodeFeedCursor = (position: FeedPosition): string =>
  Buffer.from(`f:${position.transactionId}:${position.globalPosition}`).toString('base64url');

export const decodeFeedCursor = (cursor: string): FeedPosition | undefined => {
  const match = /^f:(\d{1,20}):(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { transactionId: match[1], globalPosition: match[2] } : undefined;
};

export const laterOf = (a: FeedPosition, b: FeedPosition): FeedPosition => {
  const [ta, tb] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  if (ta !== tb) return ta > tb ? a : b;
  return BigInt(a.globalPosition) >= BigInt(b.globalPosition) ? a : b;
};
