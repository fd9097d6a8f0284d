import { Injectable } from '@nestjs/common';
import { decide } from '@app/domain';
import type { AddAttachment, Ticket } from '@app/domain';
import { commandMetadata, TicketCommandRunner } from '@app/ticket-store';
import type { RequestContext } from '@app/ticket-store';

/**
 * Asks the ticket, before a byte is stored, whether it would take this attachment: the command runner's own
 * account, If-Match and domain checks, on the current state. The append decides again, so a ticket that
 * closes or moves on while the file streams still refuses it.
 */
@Injectable()
export class TicketAdmission {
  constructor(private readonly runner: TicketCommandRunner) {}

  async load(ticketId: number, context: RequestContext): Promise<Ticket> {
    const { state } = await this.runner.rehearse(
      ticketId,
      context,
      attachment(ticketId, null, context),
    );
    return state;
  }

  /** The decider's verdict once a messageId is known, on the state `load` returned. */
  rehearse(
    ticket: Ticket,
    ticketId: number,
    messageId: number | null,
    context: RequestContext,
  ): void {
    decide(attachment(ticketId, messageId, context), ticket);
  }
}

const attachment = (
  ticketId: number,
  messageId: number | null,
  context: RequestContext,
): AddAttachment => ({
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
});
