import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata } from '@app/ticket-store';
import { TicketCommandRunner } from '@app/ticket-store';
import { statusResponse } from '../shared/ticket.responses';
import type { TicketStatusResponse } from '../shared/ticket.responses';
import { ResolveTicketCommand } from './resolve-ticket.command';

@CommandHandler(ResolveTicketCommand)
export class ResolveTicketHandler implements ICommandHandler<
  ResolveTicketCommand,
  TicketStatusResponse
> {
  constructor(private readonly runner: TicketCommandRunner) {}

  async execute({ context, ticketId }: ResolveTicketCommand): Promise<TicketStatusResponse> {
    const { ticket, version } = await this.runner.run(ticketId, context, {
      type: 'ResolveTicket',
      data: { ticketId },
      metadata: commandMetadata(context),
    });
    return statusResponse(ticket, version);
  }
}
