import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata } from '@app/ticket-store';
import { TicketCommandRunner } from '@app/ticket-store';
import { statusResponse } from '../shared/ticket.responses';
import type { TicketStatusResponse } from '../shared/ticket.responses';
import { ChangeStatusCommand } from './change-status.command';

@CommandHandler(ChangeStatusCommand)
export class ChangeStatusHandler implements ICommandHandler<
  ChangeStatusCommand,
  TicketStatusResponse
> {
  constructor(private readonly runner: TicketCommandRunner) {}

  async execute({ context, ticketId, status }: ChangeStatusCommand): Promise<TicketStatusResponse> {
    const { ticket, version } = await this.runner.run(ticketId, context, {
      type: 'ChangeTicketStatus',
      data: { ticketId, status },
      metadata: commandMetadata(context),
    });
    return statusResponse(ticket, version);
  }
}
