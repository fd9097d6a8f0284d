import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata } from '@app/ticket-store';
import { TicketCommandRunner } from '@app/ticket-store';
import { statusResponse } from '../shared/ticket.responses';
import type { TicketStatusResponse } from '../shared/ticket.responses';
import { CloseTicketCommand } from './close-ticket.command';

@CommandHandler(CloseTicketCommand)
export class CloseTicketHandler implements ICommandHandler<
  CloseTicketCommand,
  TicketStatusResponse
> {
  constructor(private readonly runner: TicketCommandRunner) {}

  async execute({ context, ticketId }: CloseTicketCommand): Promise<TicketStatusResponse> {
    const { ticket, version } = await this.runner.run(ticketId, context, {
      type: 'CloseTicket',
      data: { ticketId },
      metadata: commandMetadata(context),
    });
    return statusResponse(ticket, version);
  }
}
