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
