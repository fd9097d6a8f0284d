import { CommandHandler } from '@nestjs/cqrs';
import { StatusCommandHandler } from '../shared/status-command';
import { ResolveTicketCommand } from './resolve-ticket.command';

@CommandHandler(ResolveTicketCommand)
export class ResolveTicketHandler extends StatusCommandHandler<ResolveTicketCommand> {
  protected commandFor({ ticketId }: ResolveTicketCommand) {
    return { type: 'ResolveTicket', data: { ticketId } } as const;
  }
}
