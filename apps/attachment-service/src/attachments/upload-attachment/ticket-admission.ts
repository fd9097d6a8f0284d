import { Inject, Injectable } from '@nestjs/common';
import { decide, fold, ticketStreamId, TicketErrors } from '@app/domain';
import type { Ticket, TicketEvent } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { ApiError } from '@app/platform/http/api-error';
import type { RequestContext } from '@app/ticket-store';
import { commandMetadata } from '@app/ticket-store';

/**
 * Asks the ticket, before a byte is stored, whether it would take this attachment: the same account and
 * If-Match checks as the command runner and the decider's own rules, rehearsed on the current events. The
 * append decides again, so a ticket that closes or moves on while the file streams still refuses it.
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
    // the runner checks If-Match again at the append, for a ticket that moves on while the file streams
    const version = history.length;
    const expected = context.expectedVersion;
    if (ticket.kind === 'Existing' && expected !== undefined && expected !== version) {
      throw new ApiError(
        'PRECONDITION_FAILED',
        `The ticket is at version ${version}, not ${expected}.`,
        {
          headers: { etag: `"${version}"` },
        },
      );
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
