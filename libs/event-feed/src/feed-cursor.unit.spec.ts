import { decodeFeedCursor, encodeFeedCursor, laterOf } from './feed-cursor';

describe('feed cursors', () => {
  it('round-trip a position, transaction ids beyond 2^53 included', () => {
    const position = { transactionId: '18446744073709551615', globalPosition: '9007199254740993' };
    expect(decodeFeedCursor(encodeFeedCursor(position))).toEqual(position);
  });

  it('reject anything they did not produce', () => {
    expect(decodeFeedCursor('bm90LWEtY3Vyc29y')).toBeUndefined();
    expect(decodeFeedCursor(Buffer.from('f:-1:2').toString('base64url'))).toBeUndefined();
  });

  it('order positions by transaction id, then global position', () => {
    const a = { transactionId: '10', globalPosition: '500' };
    const b = { transactionId: '11', globalPosition: '2' };
    expect(laterOf(a, b)).toBe(b);
    expect(laterOf(b, { transactionId: '11', globalPosition: '1' })).toBe(b);
  });
});
