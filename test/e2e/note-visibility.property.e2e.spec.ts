import fc from 'fast-check';
import { closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import type { ApiResponse } from '../support/http';
import { api, eventually } from '../support/http';
import { openTicket } from '../support/tickets';
import { attachmentPath, upload } from '../support/attachments';
import { eventOf, WebhookReceiver } from '../support/webhook-receiver';

/** What a customer must never see, written here apart from the code under test. */
const STAFF_ONLY = new Set([
  'InternalNoteAdded',
  'NoteAttachmentAdded',
  'TicketAssigned',
  'TicketPriorityChanged',
]);
/** The dispatcher's consumer group may still be joining when the suite starts. */
const FIRST_DELIVERY_MS = 45_000;

type Step =
  | { kind: 'reply'; by: 'customer' | 'staff'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'assign'; group: string | null }
  | { kind: 'priority'; priority: 'low' | 'normal' | 'high' | 'urgent' }
  /** A staff file: on the latest note when there is one, else on the ticket (which a customer sees). */
  | { kind: 'file' };

const text = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ,.!?]{0,39}$/);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reply' as const),
      by: fc.constantFrom('customer' as const, 'staff' as const),
      text,
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('note' as const), text }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('assign' as const),
      group: fc.constantFrom('billing', 'tier-2', null),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('file' as const) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('priority' as const),
      priority: fc.constantFrom(
        'low' as const,
        'normal' as const,
        'high' as const,
        'urgent' as const,
      ),
    }),
  },
);

interface Event {
  eventId: string;
  version: number;
  type: string;
  occurredAt: string;
  [field: string]: unknown;
}
interface Item {
  id: number;
  internal?: boolean;
  [field: string]: unknown;
}
interface Detail {
  version: number;
  messages: Item[];
  attachments: { id: number; messageId: number | null }[];
  [field: string]: unknown;
}

const etagOf = (response: ApiResponse): string => response.headers.get('etag') ?? '';
const isVisible = (e: { type: string }) => !STAFF_ONLY.has(e.type);

/** The events a customer should read: the staff history without the staff-only ones, counted again from 1. */
const withoutStaffOnly = (events: readonly Event[]): Event[] =>
  events.filter(isVisible).map((e, i) => ({ ...e, version: i + 1 }));

/**
 * The ticket a customer should read: no notes nor their files, no `internal` flag, no priority or assignee,
 * its own version.
 */
function customerViewOf(staff: Detail, version: number): Detail {
  const { priority: _priority, assignee: _assignee, ...rest } = staff;
  const notes = new Set(staff.messages.filter((m) => m.internal).map((m) => m.id));
  return {
    ...rest,
    version,
    attachments: staff.attachments.filter((a) => a.messageId === null || !notes.has(a.messageId)),
    messages: staff.messages.filter((m) => !m.internal).map(({ internal: _internal, ...m }) => m),
  };
}

describe('a customer never sees a staff-only item (property, against the running stack)', () => {
  let staff: string;
  let receiver: WebhookReceiver;
  let accountId: string;
  let customer: string;

  // one account and its endpoint for every run, registered once and seen delivering before the first run
  beforeAll(async () => {
    staff = await staffKey();
    receiver = new WebhookReceiver();
    const url = await receiver.start();
    accountId = newAccountId();
    customer = await customerKey(accountId);
    const registered = await api('POST', `/api/webhooks?accountId=${accountId}`, {
      key: customer,
      body: { url },
    });
    expect(registered.status).toBe(201);
    const probe = await openTicket(customer, accountId);
    await receiver.waitFor(
      (w) => eventOf(w).type === 'TicketOpened' && eventOf(w).data.ticketId === probe,
      FIRST_DELIVERY_MS,
    );
  });
  afterAll(async () => {
    await receiver.stop();
    await closeTestPool();
  });

  /** Every page of a paged list, from `first` on. */
  async function allPages<T>(first: string, key: string, cursor = 'cursor'): Promise<T[]> {
    const items: T[] = [];
    let next: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: ApiResponse = await api('GET', next ? `${first}&${cursor}=${next}` : first, {
        key,
      });
      expect(page.status).toBe(200);
      const got = page.body.items as T[];
      items.push(...got);
      next = page.body.nextCursor ?? null;
      // the feed carries a cursor on every page, an empty one included
      if (!next || got.length === 0) break;
    }
    return items;
  }

  async function run(steps: readonly Step[], asOfPick: number): Promise<void> {
    const at = (action = '') =>
      `/api/Ticket/${ticketId}${action ? `/${action}` : ''}?accountId=${accountId}`;
    const ticketId = await openTicket(customer, accountId);
    const staffDetail = async (version: number) => {
      const response = await api('GET', `${at()}&minVersion=${version}`, { key: staff });
      expect(response.status).toBe(200);
      return response;
    };

    let staffVersion = 1;
    let customerEtag = '"1"';
    let lastNote: number | null = null;
    for (const s of steps) {
      let response: ApiResponse;
      let seenByCustomer = s.kind === 'reply';
      if (s.kind === 'file') {
        const onNote = lastNote === null ? {} : { noteId: lastNote };
        response = await upload(staff, accountId, ticketId, Buffer.from('log'), onNote);
        expect(response.status).toBe(201);
        seenByCustomer = lastNote === null;
        staffVersion = Number(etagOf(response).replace(/"/g, ''));
      } else if (s.kind === 'reply' && s.by === 'customer') {
        // the customer's If-Match is its own ETag, which no note moved
        response = await api('POST', at('message'), {
          key: customer,
          body: { message: s.text },
          headers: { 'if-match': customerEtag },
        });
        expect(response.status).toBe(201);
        staffVersion += 1;
      } else {
        const [action, body] =
          s.kind === 'reply'
            ? ['message', { message: s.text }]
            : s.kind === 'note'
              ? ['note', { note: s.text }]
              : s.kind === 'assign'
                ? ['assign', s.group === null ? { agentId: null } : { group: s.group }]
                : ['priority', { priority: s.priority }];
        response = await api('POST', at(action), { key: staff, body });
        expect([200, 201]).toContain(response.status);
        staffVersion = Number(etagOf(response).replace(/"/g, ''));
        if (s.kind === 'note') lastNote = response.body.id as number;
      }
      await staffDetail(staffVersion);
      const seen = await api('GET', at(), { key: customer });
      if (seenByCustomer) {
        expect(etagOf(seen)).not.toBe(customerEtag);
      } else {
        expect(etagOf(seen)).toBe(customerEtag);
        expect(
          (await api('GET', at(), { key: customer, headers: { 'if-none-match': customerEtag } }))
            .status,
        ).toBe(304);
      }
      customerEtag = etagOf(seen);
    }
    // a last event a customer sees: once its webhook arrives, every earlier one of the ticket has been decided
    expect((await api('POST', at('close'), { key: customer })).status).toBe(200);
    staffVersion += 1;
    const finalStaff = (await staffDetail(staffVersion)).body as Detail;

    const staffHistory = await allPages<Event>(`${at('history')}&limit=100`, staff);
    const expected = withoutStaffOnly(staffHistory);
    expect(staffHistory).toHaveLength(staffVersion);

    // history, paged two at a time
    expect(await allPages<Event>(`${at('history')}&limit=2`, customer)).toEqual(expected);

    // detail, its ETag, and the messages pages
    const detail = await api('GET', at(), { key: customer });
    expect(detail.body).toEqual(customerViewOf(finalStaff, expected.length));
    expect(etagOf(detail)).toBe(`"${expected.length}"`);
    const paged: Item[] = [];
    for (let before: string | null = null, pages = 0; pages < 50; pages++) {
      const page: ApiResponse = await api(
        'GET',
        `${at('messages')}&limit=2${before ? `&before=${before}` : ''}`,
        { key: customer },
      );
      paged.unshift(...(page.body.items as Item[]));
      before = page.body.olderMessages?.cursor ?? null;
      if (!before) break;
    }
    expect(paged).toEqual(detail.body.messages);

    // downloads: every file the customer's ticket lists, and none of the others
    const listed = new Set((detail.body as Detail).attachments.map((a) => a.id));
    for (const { id } of finalStaff.attachments) {
      const download = await api('GET', attachmentPath(ticketId, accountId, id), { key: customer });
      expect(download.status).toBe(listed.has(id) ? 200 : 404);
    }

    // asOf, at the time of one of the events
    const cut = staffHistory[Math.floor(asOfPick * staffHistory.length)].occurredAt;
    const staffAsOf = (await api('GET', `${at()}&asOf=${cut}`, { key: staff })).body as Detail;
    const customerAsOf = await api('GET', `${at()}&asOf=${cut}`, { key: customer });
    const visibleThen = staffHistory.filter((e) => e.version <= staffAsOf.version && isVisible(e));
    expect(customerAsOf.body).toEqual(customerViewOf(staffAsOf, visibleThen.length));

    // counts and versions in the ticket list
    const [customerList, staffList] = await Promise.all([
      api('GET', `/api/Ticket?accountId=${accountId}`, { key: customer }),
      api('GET', `/api/Ticket?accountId=${accountId}`, { key: staff }),
    ]);
    const replies = steps.filter((s) => s.kind === 'reply').length;
    const notes = steps.filter((s) => s.kind === 'note').length;
    // newest first: this run's ticket
    expect(customerList.body.items[0]).toEqual(
      expect.objectContaining({ id: ticketId, version: expected.length, messageCount: replies }),
    );
    expect(staffList.body.items[0]).toEqual(
      expect.objectContaining({
        id: ticketId,
        version: staffVersion,
        messageCount: replies + notes,
      }),
    );

    // the change feed: the same entries as the history, with the ticket and account
    const feedItems = expected.map((e) => ({ ...e, ticketId, accountId }));
    const ofTicket = (items: Event[]) => items.filter((e) => e.ticketId === ticketId);
    const feed = await eventually(
      async () =>
        ofTicket(
          await allPages<Event>(`/api/events?accountId=${accountId}&limit=100`, customer, 'after'),
        ),
      (items) => items.some((e) => e.type === 'TicketClosed'),
    );
    expect(feed).toEqual(feedItems);

    // webhooks of the customer's endpoint: the same entries, nothing else
    await receiver.waitFor(
      (w) => eventOf(w).type === 'TicketClosed' && eventOf(w).data.ticketId === ticketId,
      FIRST_DELIVERY_MS,
    );
    const delivered = new Map<string, Event>();
    for (const w of receiver.received) {
      const { data } = eventOf(w);
      if (data.ticketId === ticketId) delivered.set(data.eventId as string, data as Event);
    }
    expect([...delivered.values()].sort((a, b) => a.version - b.version)).toEqual(feedItems);
  }

  it('detail, messages pages, history, asOf, feed, webhooks, ETags and counts equal the thread without them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        run,
      ),
      { numRuns: 15, endOnFailure: true },
    );
  }, 180_000);
});
