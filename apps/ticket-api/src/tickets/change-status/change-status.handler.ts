import { CommandHandler } from '@nestjs/cqrs';
import { StatusCommandHandler } from '../shared/status-command';
import { ChangeStatusCommand } from './change-status.command';

@CommandHandler(ChangeStatusCommand)
export class ChangeStatusHandler extends StatusCommandHandler<ChangeStatusCommand> {
  protected commandFor({ ticketId, status }: ChangeStatusCommand) {
    return { type: 'ChangeTicketStatus', data: { ticketId, status } } as const;
  }
}
