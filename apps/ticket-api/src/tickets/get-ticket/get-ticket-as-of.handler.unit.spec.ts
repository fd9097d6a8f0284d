import type { TicketEvent } from '@app/domain';
import { ticketStreamId } from '@app/domain';
import { messageAdded, opened } from '@test/support/ticket.builders';
import type { EventStore, ReadStreamOptions, StoredEvent } from '@app/event-store';
import { GetTicketAsOfHandler } from './get-ticket-as-of.handler';
import { GetTicketAsOfQuery } from './get-ticket-as-of.query';

const TICKET = 789;
const OWNER = '123';
const AS_OF = new Date('2030-01-01T00:00:00Z');

/** An event store that records every read it serves. */
class RecordingEventStore implements EventStore<TicketEvent> {
  readonly reads: ReadStreamOptions[] = [];
  private readonly events: StoredEvent<TicketEvent>[];

  constructor(events: TicketEvent[]) {
    this.events = events.map((event, i) => ({
      eventId: `e${i + 1}`,
      globalPosition: String(i + 1),
      streamId: ticketStreamId(TICKET),
      streamVersion: i + 1,
      recordedAt: event.metadata.occurredAt,
      event,
    }));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}) {
    this.reads.push(options);
    const events = streamId === ticketStreamId(TICKET) ? this.events : [];
    return options.limit === undefined ? events : events.slice(0, options.limit);
  }

  appendToStream(): never {
    throw new Error('a query never appends');
  }
}

const aLongTicket = (): TicketEvent[] => [
  opened({ ticketId: TICKET, accountId: OWNER }),
  ...Array.from({ length: 50 }, (_, i) => messageAdded({ messageId: i + 1 })),
];

describe('GET /api/Ticket/{id}?asOf= (GetTicketAsOfHandler)', () => {
  it("reads only the first event of another account's ticket before answering not found", async () => {
    const store = new RecordingEventStore(aLongTicket());

    const asked = new GetTicketAsOfHandler(store).execute(
      new GetTicketAsOfQuery(TICKET, 'another-account', AS_OF),
    );

    await expect(asked).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    expect(store.reads).toEqual([{ limit: 1 }]);
  });

  it('answers not found for a ticket that does not exist after one read of one event', async () => {
    const store = new RecordingEventStore([]);

    const asked = new GetTicketAsOfHandler(store).execute(
      new GetTicketAsOfQuery(TICKET, OWNER, AS_OF),
    );

    await expect(asked).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    expect(store.reads).toEqual([{ limit: 1 }]);
  });

  it('folds the whole stream up to the instant for its own account', async () => {
    const store = new RecordingEventStore(aLongTicket());

    const ticket = await new GetTicketAsOfHandler(store).execute(
      new GetTicketAsOfQuery(TICKET, OWNER, AS_OF),
    );

    expect({ version: ticket.version, messages: ticket.messages.length }).toEqual({
      version: 51,
      messages: 50,
    });
  });
});
