import { Injectable } from '@nestjs/common';
import { decide } from '@app/domain';
import type { AddAttachment, Ticket } from '@app/domain';
import { commandMetadata, TicketCommandRunner } from '@app/ticket-store';
import type { RequestContext } from '@app/ticket-store';
import { NO_TARGET } from './upload-form';
import type { UploadTarget } from './upload-form';

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
      attachment(ticketId, NO_TARGET, context),
    );
    return state;
  }

  /** The decider's verdict once a messageId or noteId is known, on the state `load` returned. */
  rehearse(ticket: Ticket, ticketId: number, target: UploadTarget, context: RequestContext): void {
    decide(attachment(ticketId, target, context), ticket);
  }
}

const attachment = (
  ticketId: number,
  { messageId, noteId }: UploadTarget,
  context: RequestContext,
): AddAttachment => ({
  type: 'AddAttachment',
  data: {
    ticketId,
    attachmentId: 0,
    messageId,
    noteId,
    fileName: '',
    contentType: '',
    size: 0,
    sha256: '',
    objectKey: '',
  },
  metadata: commandMetadata(context),
});
