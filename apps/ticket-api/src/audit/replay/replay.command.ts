import type { Pool } from 'pg';
import { evolve, initialTicket, ticketStreamId } from '@app/domain';
import type { Ticket } from '@app/domain';
import type { PersonalDataCodec, StoredEvent } from '@app/event-store';
import type { TicketEvent } from '@app/domain';
import { ticketEventStore } from '@app/ticket-store';
import { describeChange } from './ticket-change';

const PAGE = 1_000;

const actorOf = ({ metadata }: TicketEvent): string => {
  const { actor } = metadata;
  const account = actor.accountId ? ` of account ${actor.accountId}` : '';
  return `${actor.role}${account} (request ${metadata.correlationId})`;
};

const entry = (stored: StoredEvent<TicketEvent>, before: Ticket, after: Ticket): string =>
  [
    `v${stored.streamVersion}  ${stored.event.metadata.occurredAt}  ${actorOf(stored.event)}  ${stored.event.type}`,
    ...describeChange(before, after, stored.event).map((line) => `      ${line}`),
  ].join('\n');

/** The ticket's events as an auditor reads them, folded with the domain's own evolve; one page in memory. */
export async function replayCommand(
  pool: Pool,
  ticketId: number,
  print: (text: string) => void,
  codec?: PersonalDataCodec,
): Promise<boolean> {
  const store = ticketEventStore(pool, 'audit-replay', codec);
  const streamId = ticketStreamId(ticketId);
  let state = initialTicket();
  let count = 0;
  for (let afterVersion = 0; ;) {
    const page = await store.readStream(streamId, { afterVersion, limit: PAGE });
    for (const stored of page) {
      const next = evolve(state, stored.event);
      if (count === 0 && next.kind === 'Existing') {
        print(`ticket ${ticketId}, account ${next.accountId}`);
      }
      print(entry(stored, state, next));
      state = next;
      count += 1;
    }
    if (page.length < PAGE) break;
    afterVersion = page[page.length - 1].streamVersion;
  }
  if (count === 0) {
    print(`no ticket ${ticketId} in the store`);
    return false;
  }
  print(`${count} events; now ${state.kind === 'Existing' ? state.status : 'not opened'}`);
  return true;
}
