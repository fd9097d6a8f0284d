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

  it.each([
    ['a 20-digit transaction id above xid8', 'f:99999999999999999999:1'],
    ['a transaction id of 2^64', 'f:18446744073709551616:1'],
    ['a global position above bigint', 'f:1:9999999999999999999'],
    ['a global position of 2^63', 'f:1:9223372036854775808'],
  ])('reject %s, before it reaches a cast in SQL', (_, raw) => {
    expect(decodeFeedCursor(Buffer.from(raw).toString('base64url'))).toBeUndefined();
  });

  it('accept the largest positions PostgreSQL holds', () => {
    const raw = 'f:18446744073709551615:9223372036854775807';
    expect(decodeFeedCursor(Buffer.from(raw).toString('base64url'))).toEqual({
      transactionId: '18446744073709551615',
      globalPosition: '9223372036854775807',
    });
  });

  it('order positions by transaction id, then global position', () => {
    const a = { transactionId: '10', globalPosition: '500' };
    const b = { transactionId: '11', globalPosition: '2' };
    expect(laterOf(a, b)).toBe(b);
    expect(laterOf(b, { transactionId: '11', globalPosition: '1' })).toBe(b);
  });
});
