import { fileProblem, formatBytes, MAX_FILE_BYTES } from './api/limits';
import type { Message } from './api/types';
import { authorName } from './components/authors';
import { leftTheLatestPage, mergeThread } from './components/thread-pages';
import { parseRoute, ticketHref } from './routes';

const aFile = (size: number) => ({ size }) as File;

describe('the file limit, checked before any byte is sent', () => {
  it('"File size exceeds 10 MB limit." for 10 MB + 1 byte, nothing for exactly 10 MB', () => {
    expect(fileProblem(aFile(MAX_FILE_BYTES + 1))).toBe('File size exceeds 10 MB limit.');
    expect(fileProblem(aFile(MAX_FILE_BYTES))).toBeNull();
  });

  it.each([
    [21, '21 B'],
    [300_000, '293 KB'],
    [MAX_FILE_BYTES, '10 MB'],
    [1.5 * 1024 * 1024, '1.5 MB'],
  ])('shows %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('routes in the URL hash (never the key)', () => {
  it('reads the contact page and the detail view of an account', () => {
    expect(parseRoute('')).toEqual({ view: 'contact' });
    expect(parseRoute('#/accounts/acct-1')).toEqual({ view: 'contact', accountId: 'acct-1' });
    expect(parseRoute(ticketHref('acct-1', 42))).toEqual({
      view: 'ticket',
      accountId: 'acct-1',
      ticketId: 42,
    });
  });

  it('falls back to the contact page on a ticket id that is not one', () => {
    expect(parseRoute('#/accounts/acct-1/tickets/abc')).toEqual({
      view: 'contact',
      accountId: 'acct-1',
    });
  });

  it.each(['#/accounts/%', '#/accounts/acct-1/tickets/%E0%A4%A', '#/%zz'])(
    'falls back to the home page, instead of throwing, on the malformed percent-encoding of %s',
    (hash) => {
      expect(parseRoute(hash)).toEqual({ view: 'contact' });
    },
  );
});

describe('author names', () => {
  it('the customer reads You and Support Team; staff read Customer and Support Team', () => {
    expect([authorName('customer', 'customer'), authorName('staff', 'customer')]).toEqual([
      'You',
      'Support Team',
    ]);
    expect([authorName('customer', 'staff'), authorName('staff', 'staff')]).toEqual([
      'Customer',
      'Support Team',
    ]);
  });
});

describe('a thread loaded a page at a time', () => {
  const m = (id: number) => ({ id }) as Message;

  it('shows each message once, in thread order, whatever order the pages came in', () => {
    expect(mergeThread([m(5), m(6)], [m(1), m(2)], [m(6), m(7)]).map((x) => x.id)).toEqual([
      1, 2, 5, 6, 7,
    ]);
  });

  it('keeps what new messages pushed out of the latest page', () => {
    expect(leftTheLatestPage([m(3), m(4), m(5)], [m(5), m(6), m(7)]).map((x) => x.id)).toEqual([
      3, 4,
    ]);
    expect(leftTheLatestPage([m(3)], [])).toEqual([m(3)]);
  });
});
