import { Inject, Injectable } from '@nestjs/common';
import { decide, fold, ticketStreamId, TicketErrors } from '@app/domain';
import type { Ticket, TicketEvent } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import type { RequestContext } from '@app/ticket-store';
import { commandMetadata } from '@app/ticket-store';

/**
 * Asks the ticket, before a byte is stored, whether it would take this attachment: the same account check
 * as the command runner and the decider's own rules, rehearsed on the current events. The append decides
 * again, so a ticket that closes while the file streams still refuses it.
 */
@Injectable()
export class TicketAdmission {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>) {}

  async load(ticketId: number, context: RequestContext): Promise<Ticket> {
    const history = await this.store.readStream(ticketStreamId(ticketId));
    const ticket = fold(history.map((stored) => stored.event));
    if (ticket.kind === 'Existing' && ticket.accountId !== context.principal.accountId) {
      throw TicketErrors.notFound(ticketId);
    }
    this.rehearse(ticket, ticketId, null, context);
    return ticket;
  }

  rehearse(
    ticket: Ticket,
    ticketId: number,
    messageId: number | null,
    context: RequestContext,
  ): void {
    decide(
      {
        type: 'AddAttachment',
        data: {
          ticketId,
          attachmentId: 0,
          messageId,
          fileName: '',
          contentType: '',
          size: 0,
          sha256: '',
          objectKey: '',
        },
        metadata: commandMetadata(context),
      },
      ticket,
    );
  }
}
