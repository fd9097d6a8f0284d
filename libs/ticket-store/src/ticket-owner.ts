import { ticketStreamId } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import type { EventStore } from '@app/event-store';

/** The account a ticket belongs to, from its first event alone; null when there is no such ticket. */
export async function ticketAccountOf(
  store: EventStore<TicketEvent>,
  ticketId: number,
): Promise<string | null> {
  const [first] = await store.readStream(ticketStreamId(ticketId), { limit: 1 });
  return first?.event.type === 'TicketOpened' ? first.event.data.accountId : null;
}

/** Whether the ticket's stream holds this version: one indexed read of one event. */
export async function ticketHasVersion(
  store: EventStore<TicketEvent>,
  ticketId: number,
  version: number,
): Promise<boolean> {
  const events = await store.readStream(ticketStreamId(ticketId), {
    afterVersion: version - 1,
    limit: 1,
  });
  return events.length > 0;
}
