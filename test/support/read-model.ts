import type { Pool } from 'pg';
import { ticketStreamId, upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { PgEventStore } from '@app/event-store';
import { PgTicketReadModel } from '@app/read-model';
import type { TicketResponse } from '@app/read-model';
import { DEV_DATA_MASTER_KEYS } from '@app/platform/crypto/master-keys';
import { ticketPersonalData } from '@app/ticket-store';

/** The ticket events as the services read them: personal fields opened with the test stack's master key. */
export const openingEventStore = (pool: Pool, topic = ''): PgEventStore<TicketEvent> =>
  new PgEventStore<TicketEvent>(
    pool,
    { topic, keyOf: (streamId) => streamId.replace(/^ticket-/, '') },
    upcastTicketEvent,
    ticketPersonalData(pool, {
      DATABASE_URL: '',
      DATA_MASTER_KEYS: process.env.DATA_MASTER_KEYS || DEV_DATA_MASTER_KEYS,
    }),
  );

/**
 * A ticket as the read model of `schema` answers GET /api/Ticket/{id}, plus its list row's message count, so a
 * test can compare any read model with the ticket folded from the event store. The account comes from the
 * ticket's first event.
 */
export async function readModelDetail(
  pool: Pool,
  schema: string,
  ticketId: number,
): Promise<(TicketResponse & { messageCount: number }) | null> {
  const store = new PgEventStore<TicketEvent>(
    pool,
    { topic: '', keyOf: (id) => id },
    upcastTicketEvent,
  );
  const [opened] = await store.readStream(ticketStreamId(ticketId), { limit: 1 });
  if (opened?.event.type !== 'TicketOpened') return null;
  const { accountId } = opened.event.data;
  const readModel = new PgTicketReadModel(pool, schema);
  const [ticket, rows] = await Promise.all([
    readModel.findTicket(ticketId, accountId, 'staff'),
    readModel.listTickets({ accountId, reader: 'staff', beforeId: ticketId + 1, limit: 1 }),
  ]);
  const row = rows.find((r) => r.id === ticketId);
  if (!ticket || !row) return null;
  return { ...ticket, messageCount: row.messageCount };
}

/** A thread's whole length: a detail holds the latest page and counts the messages before it. */
export const threadLength = (ticket: TicketResponse | null): number | undefined =>
  ticket ? ticket.messages.length + (ticket.olderMessages?.count ?? 0) : undefined;
