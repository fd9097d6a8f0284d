import { CommandHandler } from '@nestjs/cqrs';
import { StatusCommandHandler } from '../shared/status-command';
import { CloseTicketCommand } from './close-ticket.command';

@CommandHandler(CloseTicketCommand)
export class CloseTicketHandler extends StatusCommandHandler<CloseTicketCommand> {
  protected commandFor({ ticketId }: CloseTicketCommand) {
    return { type: 'CloseTicket', data: { ticketId } } as const;
  }
}
