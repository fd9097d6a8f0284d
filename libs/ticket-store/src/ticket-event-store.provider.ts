import type { Pool } from 'pg';
import { TICKET_PERSONAL_FIELDS, ticketIdOfStream, upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { EVENT_STORE, PgEventStore, personalDataCodec } from '@app/event-store';
import type { PersonalDataCodec, PersonalDataConfig } from '@app/event-store';

/** The ticket streams: events keyed on Kafka by ticket id, read through the codec and the upcasters. */
export const ticketEventStore = (
  pool: Pool,
  topic: string,
  codec?: PersonalDataCodec,
): PgEventStore<TicketEvent> =>
  new PgEventStore<TicketEvent>(
    pool,
    { topic, keyOf: (streamId) => String(ticketIdOfStream(streamId)) },
    upcastTicketEvent,
    codec,
  );

export const ticketEventStoreProvider = (pool: Pool, topic: string, codec: PersonalDataCodec) => ({
  provide: EVENT_STORE,
  useValue: ticketEventStore(pool, topic, codec),
});

/** The ticket events' personal fields (libs/domain's table) sealed under per-account keys. */
export const ticketPersonalData = (pool: Pool, config: PersonalDataConfig): PersonalDataCodec =>
  personalDataCodec(pool, config, TICKET_PERSONAL_FIELDS);
