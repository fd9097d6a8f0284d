import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, TicketCommandRunner } from '@app/ticket-store';
import { triageResponse } from '../shared/ticket.responses';
import type { TicketTriageResponse } from '../shared/ticket.responses';
import { ChangePriorityCommand } from './change-priority.command';

@CommandHandler(ChangePriorityCommand)
export class ChangePriorityHandler implements ICommandHandler<
  ChangePriorityCommand,
  TicketTriageResponse
> {
  constructor(@Inject(TicketCommandRunner) private readonly runner: TicketCommandRunner) {}

  async execute({ context, ticketId, priority }: ChangePriorityCommand) {
    const { ticket, version } = await this.runner.run(ticketId, context, {
      type: 'ChangeTicketPriority',
      data: { ticketId, priority },
      metadata: commandMetadata(context),
    });
    return triageResponse(ticket, version);
  }
}
