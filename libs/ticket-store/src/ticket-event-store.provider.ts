import type { Pool } from 'pg';
import { ticketIdOfStream, upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { EVENT_STORE, PgEventStore } from '@app/event-store';

/** The ticket streams: events keyed on Kafka by ticket id, read through the upcasters. */
export const ticketEventStore = (pool: Pool, topic: string): PgEventStore<TicketEvent> =>
  new PgEventStore<TicketEvent>(
    pool,
    { topic, keyOf: (streamId) => String(ticketIdOfStream(streamId)) },
    upcastTicketEvent,
  );

export const ticketEventStoreProvider = (pool: Pool, topic: string) => ({
  provide: EVENT_STORE,
  useValue: ticketEventStore(pool, topic),
});
