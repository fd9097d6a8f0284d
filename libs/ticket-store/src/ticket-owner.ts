import { ticketStreamId } from '@app/domain';
import type { ActorRole, TicketEvent } from '@app/domain';
import type { EventStore } from '@app/event-store';

/** The account a ticket belongs to, from its first event alone; null when there is no such ticket. */
export async function ticketAccountOf(
  store: EventStore<TicketEvent>,
  ticketId: number,
): Promise<string | null> {
  const [first] = await store.readStream(ticketStreamId(ticketId), { limit: 1 });
  return first?.event.type === 'TicketOpened' ? first.event.data.accountId : null;
}

const SCAN_PAGE = 1_000;

/**
 * Whether the ticket has reached this version as the reader counts it: for staff one indexed read of one event;
 * a customer's version n is stamped on an event at stream version n or later, past the staff-only ones.
 */
export async function ticketHasVersion(
  store: EventStore<TicketEvent>,
  ticketId: number,
  version: number,
  reader: ActorRole,
): Promise<boolean> {
  const streamId = ticketStreamId(ticketId);
  if (reader === 'staff') {
    const events = await store.readStream(streamId, { afterVersion: version - 1, limit: 1 });
    return events.length > 0;
  }
  for (let after = version - 1; ;) {
    const page = await store.readStream(streamId, { afterVersion: after, limit: SCAN_PAGE });
    if (page.some((e) => (e.event.metadata.customerVersion ?? e.streamVersion) >= version)) {
      return true;
    }
    if (page.length < SCAN_PAGE) return false;
    after = page[page.length - 1].streamVersion;
  }
}
