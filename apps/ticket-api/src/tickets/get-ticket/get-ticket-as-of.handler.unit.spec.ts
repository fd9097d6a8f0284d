import type { TicketEvent } from '@app/domain';
import { aCustomer, messageAdded, opened } from '@test/support/ticket.builders';
import { RecordingEventStore } from '@test/support/recording-event-store';
import { AS_OF_PAGE_EVENTS, GetTicketAsOfHandler } from './get-ticket-as-of.handler';
import { GetTicketAsOfQuery } from './get-ticket-as-of.query';

const TICKET = 789;
const OWNER = '123';
const AS_OF = new Date('2030-01-01T00:00:00Z');

const aLongTicket = (): TicketEvent[] => [
  opened({ ticketId: TICKET, accountId: OWNER }),
  ...Array.from({ length: 50 }, (_, i) => messageAdded({ messageId: i + 1 })),
];

describe('GET /api/Ticket/{id}?asOf= (GetTicketAsOfHandler)', () => {
  it("reads only the first event of another account's ticket before answering not found", async () => {
    const store = new RecordingEventStore(TICKET, aLongTicket());

    const asked = new GetTicketAsOfHandler(store).execute(
      new GetTicketAsOfQuery(TICKET, 'another-account', AS_OF, 'staff'),
    );

    await expect(asked).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    expect(store.reads).toEqual([{ limit: 1 }]);
  });

  it('answers not found for a ticket that does not exist after one read of one event', async () => {
    const store = new RecordingEventStore(TICKET, []);

    const asked = new GetTicketAsOfHandler(store).execute(
      new GetTicketAsOfQuery(TICKET, OWNER, AS_OF, 'staff'),
    );

    await expect(asked).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    expect(store.reads).toEqual([{ limit: 1 }]);
  });

  it('folds the whole stream up to the instant for its own account', async () => {
    const store = new RecordingEventStore(TICKET, aLongTicket());

    const ticket = await new GetTicketAsOfHandler(store).execute(
      new GetTicketAsOfQuery(TICKET, OWNER, AS_OF, 'staff'),
    );

    expect({ version: ticket.version, messages: ticket.messages.length }).toEqual({
      version: 51,
      messages: 50,
    });
  });

  it('folds a 5,000-message thread page by page and answers like the detail: the latest 100 and a count of the rest', async () => {
    const messages = 5_000;
    const store = new RecordingEventStore(TICKET, [
      opened({ ticketId: TICKET, accountId: OWNER }),
      ...Array.from({ length: messages }, (_, i) =>
        messageAdded({ messageId: i + 1, message: 'x'.repeat(10_000) }),
      ),
    ]);

    const ticket = await new GetTicketAsOfHandler(store).execute(
      new GetTicketAsOfQuery(TICKET, OWNER, AS_OF, 'staff'),
    );

    expect(
      store.reads.every((read) => read.limit !== undefined && read.limit <= AS_OF_PAGE_EVENTS),
    ).toBe(true);
    expect(store.reads.length).toBeGreaterThan(messages / AS_OF_PAGE_EVENTS);
    expect({
      version: ticket.version,
      first: ticket.messages[0].id,
      last: ticket.messages[ticket.messages.length - 1].id,
      shown: ticket.messages.length,
      older: ticket.olderMessages?.count,
    }).toEqual({ version: 5_001, first: 4_901, last: 5_000, shown: 100, older: 4_900 });
  });

  it('stops at the first version past the instant, even when it falls on a later page', async () => {
    const late = aCustomer({ occurredAt: '2030-06-01T00:00:00.000Z' });
    const store = new RecordingEventStore(TICKET, [
      opened({ ticketId: TICKET, accountId: OWNER }),
      ...Array.from({ length: AS_OF_PAGE_EVENTS + 10 }, (_, i) =>
        messageAdded({ messageId: i + 1 }),
      ),
      messageAdded({ messageId: 9_000 }, late),
      messageAdded({ messageId: 9_001 }),
    ]);

    const ticket = await new GetTicketAsOfHandler(store).execute(
      new GetTicketAsOfQuery(TICKET, OWNER, AS_OF, 'staff'),
    );

    expect(ticket.version).toBe(AS_OF_PAGE_EVENTS + 11);
    expect(ticket.messages.map((m) => m.id)).not.toContain(9_001);
  });
});
